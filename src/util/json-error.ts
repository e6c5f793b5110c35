/**
 * Where and why `JSON.parse` failed, from its message: "Unterminated string in JSON at position 24" becomes
 * line and column, and the quoted text V8 adds to some messages (which may hold line breaks) is left out.
 * The line is unknown when the message gives no position.
 */
export function jsonSyntaxError(
  text: string,
  error: unknown,
): { line?: number; column?: number; message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const at = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(raw);
  const message = raw
    .slice(0, at ? at.index : undefined)
    .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .trim();
  const offset = at ? Number(at[1]) : /end of JSON input/.test(raw) ? text.length : undefined;
  if (offset === undefined) return { message };
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column, message };
}
