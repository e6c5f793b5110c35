/** A problem found in an input file, reported as `path:line:column: message`. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface SourceLocation {
  file: string;
  line: number;
  column?: number;
}

export function formatLocation(loc: { file: string; line?: number; column?: number }): string {
  let out = loc.file;
  if (loc.line !== undefined) out += `:${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) out += `:${loc.column}`;
  return out;
}

export function formatDiagnostic(d: Diagnostic): string {
  const prefix = d.severity === 'warning' ? 'warning: ' : '';
  return oneLine(`${formatLocation(d)}: ${prefix}${d.message}`);
}

/** Line breaks, other control characters and bidirectional overrides, which values from files may hold. */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

/**
 * A message as one printable line: a value quoted from a file (a field with a line break, a NUL, an escape
 * sequence) can neither split the message nor act on the terminal. Such characters are shown escaped.
 */
export function oneLine(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Collects every problem of a run instead of stopping at the first one. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.items.push({ severity: 'error', file: loc.file, line: loc.line, column: loc.column, message });
  }

  warn(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.items.push({ severity: 'warning', file: loc.file, line: loc.line, column: loc.column, message });
  }

  get errorCount(): number {
    let n = 0;
    for (const d of this.items) if (d.severity === 'error') n++;
    return n;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  merge(other: Diagnostics): void {
    this.items.push(...other.items);
  }
}
