/**
 * Text from desired-state files and platforms reaches a terminal. Control characters (ESC starts an
 * ANSI sequence, CR rewrites a line) and bidirectional overrides are shown as visible escapes, so no
 * name can color, move or hide the output around it.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** An unquoted name (key, role, reason) made safe for a terminal. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** A string field value, double-quoted with JSON escapes: `"EU1"`. */
export function quote(text: string): string {
  return terminalSafe(JSON.stringify(text));
}

/** A field value as shown in a diff: strings quoted, booleans bare, lists bracketed. */
export function formatValue(value: string | boolean | readonly string[] | undefined): string {
  if (value === undefined) return '(unset)';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return quote(value);
  return `[${value.map(quote).join(', ')}]`;
}
