/**
 * CSV cells that are safe to open in a spreadsheet and that rollcall's loaders read back unchanged.
 *
 * Formula injection: Excel, LibreOffice Calc and Google Sheets run a cell that starts with `=`, `+`, `-`
 * or `@` (some versions also after a leading tab or carriage return) as a formula. The usual
 * neutralization, a leading apostrophe, is not read back identically by a loader: the value would change.
 * A leading space would round-trip (the loaders trim) but spreadsheets do not all agree it disarms the
 * formula. So such a value is refused, never written: the caller reports the member and points at the
 * YAML format, which holds any value exactly and is not opened as a spreadsheet.
 */
const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

export function formulaProblem(value: string): string | undefined {
  if (!FORMULA_START.test(value)) return undefined;
  const first = value.trimStart()[0] ?? value[0]!;
  return `${JSON.stringify(value)} starts with ${JSON.stringify(first)}, which a spreadsheet runs as a formula`;
}

/**
 * Whether a loader that trims cells reads `value` back unchanged: no leading or trailing whitespace.
 * (Quoting keeps the spaces in the file, but the loaders trim every cell.)
 */
export function trimProblem(value: string): string | undefined {
  return value.trim() === value ? undefined : `${JSON.stringify(value)} has leading or trailing spaces`;
}

/** Whether the value holds a carriage return, which rollcall's CSV readers turn into a line feed. */
export function carriageReturnProblem(value: string): string | undefined {
  return value.includes('\r')
    ? `${JSON.stringify(value)} holds a carriage return, which would be read back as a line feed`
    : undefined;
}

/** One cell: quoted (RFC 4180, `"` doubled) when it holds the delimiter, a quote or a line break. */
export function csvCell(value: string, delimiter: string): string {
  if (value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r'))
    return `"${value.replaceAll('"', '""')}"`;
  return value;
}
