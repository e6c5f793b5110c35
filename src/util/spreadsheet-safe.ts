/**
 * Cells of the import files rollcall writes for people to upload, safe to open in a spreadsheet first.
 *
 * Formula injection: Excel, LibreOffice Calc and Google Sheets run a cell whose text starts with `=`, `+`,
 * `-` or `@` (some versions also after a leading tab or carriage return) as a formula, so a hostile name or
 * e-mail address in a members file could run code on the administrator's machine when the file is checked
 * before upload. Such a cell is neutralized with one leading space: a spreadsheet shows it as text, and
 * the import platforms trim every value (3DEXPERIENCE reads values "trimmed"; so do rollcall's own
 * loaders), so the platform still reads exactly the value meant. The usual apostrophe would reach the
 * platform as part of the value: `'=x@acme.com` is not the user `=x@acme.com`.
 *
 * Left as is: a spreadsheet set to trim spaces *and* evaluate formulas on CSV import (LibreOffice offers
 * both options, off by default) would still see the formula. XLSX files need none of this: their cells
 * are typed text, never formulas.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? ` ${value}` : value;
}

/** Whether a cell, as written, would start a formula in a spreadsheet. */
export function startsFormula(cell: string): boolean {
  return FORMULA_START.test(cell);
}

/** One CSV field, neutralized, and quoted (RFC 4180, `"` doubled) when it holds the delimiter, a quote or a line break. */
export function spreadsheetField(value: string, delimiter: string): string {
  const safe = neutralizeFormula(value);
  if (safe.includes(delimiter) || safe.includes('"') || safe.includes('\n') || safe.includes('\r'))
    return `"${safe.replaceAll('"', '""')}"`;
  return safe;
}

/** A CSV file's text: the rows joined with CRLF (what spreadsheets and upload forms expect), ending in one. */
export function spreadsheetCsv(rows: readonly (readonly string[])[], delimiter: string): string {
  return rows.map((r) => r.map((v) => spreadsheetField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
