/**
 * Cells of every delimited file rollcall writes — the desired-state files of `rollcall import` and the
 * import files it leaves for a platform — with one policy against formula injection, chosen here once.
 *
 * Excel, LibreOffice Calc and Google Sheets run a cell whose text starts with `=`, `+`, `-` or `@` (some
 * versions also after a leading tab or carriage return) as a formula, so a hostile name or e-mail address
 * could run code on the administrator's machine when a file is opened before upload or review. Such a
 * cell is written with one leading space: a spreadsheet shows it as text, and every reader of these files
 * trims its values — the platforms (3DEXPERIENCE reads values "trimmed") and rollcall's own loaders — so
 * the value read is exactly the value meant, and an imported file reads back to the same members. The
 * usual apostrophe would reach the platform as part of the value: `'=x@acme.com` is not `=x@acme.com`.
 *
 * Left as is: a spreadsheet set to trim spaces *and* evaluate formulas on CSV import (LibreOffice offers
 * both options, off by default) would still see the formula. YAML files and XLSX cells need none of this:
 * YAML is never opened as a spreadsheet, and XLSX cells are typed text, never formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The value as a cell may hold it: a formula start disarmed with one leading space. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? ` ${value}` : value;
}

/** Whether a cell, as written, would start a formula in a spreadsheet. */
export function startsFormula(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** One field: neutralized, then quoted (RFC 4180, `"` doubled) when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  const safe = neutralizeFormula(value);
  if (safe.includes(delimiter) || safe.includes('"') || safe.includes('\n') || safe.includes('\r'))
    return `"${safe.replaceAll('"', '""')}"`;
  return safe;
}

/** One row of fields, without its line end. */
export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((c) => csvField(c, delimiter)).join(delimiter);
}

/** A file for a platform's upload form: the rows joined with CRLF (what spreadsheets and upload forms expect), ending in one. */
export function spreadsheetCsv(rows: readonly (readonly string[])[], delimiter: string): string {
  return `${rows.map((r) => csvLine(r, delimiter)).join('\r\n')}\r\n`;
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
