import { boundMessage } from '../util/bound-message.js';

/** A problem found in an input file, reported as `path:line:column: message`. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** A line that stands for this many problems not shown ("and N more"): counted as that many. */
  hidden?: number;
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
  return oneLine(`${formatLocation(d)}: ${prefix}${boundMessage(d.message)}`);
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

/** Problems shown per file; the rest are counted. */
export const MAX_PER_FILE = 50;

/**
 * Collects every problem of a run instead of stopping at the first one. Output stays bounded: each message
 * quotes long values shortened (src/util/bound-message.ts), and past MAX_PER_FILE problems in one file the
 * rest are counted in one line, "and N more".
 */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** Per file: problems kept, and the line counting those not kept. */
  private readonly perFile = new Map<string, { kept: number; more?: Diagnostic }>();

  error(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.add('error', loc, message);
  }

  warn(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.add('warning', loc, message);
  }

  private add(
    severity: Diagnostic['severity'],
    loc: { file: string; line?: number; column?: number },
    message: string,
  ): void {
    let count = this.perFile.get(loc.file);
    if (!count) {
      count = { kept: 0 };
      this.perFile.set(loc.file, count);
    }
    if (count.kept < MAX_PER_FILE) {
      count.kept++;
      const d: Diagnostic = {
        severity,
        file: loc.file,
        line: loc.line,
        column: loc.column,
        message: boundMessage(message),
      };
      this.items.push(d);
      return;
    }
    if (!count.more) {
      count.more = { severity, file: loc.file, message: '', hidden: 0 };
      this.items.push(count.more);
    }
    const more = count.more;
    if (severity === 'error') more.severity = 'error';
    more.hidden = (more.hidden ?? 0) + 1;
    more.message = `and ${more.hidden} more problem${more.hidden === 1 ? '' : 's'} in this file (not shown)`;
  }

  get errorCount(): number {
    let n = 0;
    for (const d of this.items) if (d.severity === 'error') n += d.hidden ?? 1;
    return n;
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  merge(other: Diagnostics): void {
    this.items.push(...other.items);
  }
}
