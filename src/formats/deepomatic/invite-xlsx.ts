import { stat } from 'node:fs/promises';
import { readSheet, type SheetData } from 'read-excel-file/node';
import type { FormatLoader } from '../load-context.js';
import { declaredSize, formatBytes, MAX_ENTRY_BYTES, ZipError } from '../table/zip.js';
import { addDeepomaticRow, DEEPOMATIC_COLUMNS, deepomaticHeader } from './invite-csv.js';

/**
 * The Deepomatic invite file as .xlsx (platform-docs/deepomatic-invite-batch-xlsx.txt): the first sheet,
 * laid out like the CSV. Problems are located `file:row:column` (1-based column index). read-excel-file
 * reads a workbook whole, so the workbook's declared expanded size is checked first.
 */
export const loadDeepomaticXlsx: FormatLoader = async (path, ctx) => {
  const { file, diags } = ctx;
  const whole = { file, line: 1, column: 1 };
  const rows = await readFirstSheet(path);
  if (typeof rows === 'string') return diags.error(whole, rows);

  let columns = 0; // 0 until the header is read
  for (const [index, row] of rows.entries()) {
    const line = index + 1;
    const cells = row.map(cellText);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    if (cells.length === 0) continue; // an empty row
    if (columns === 0) {
      const header = deepomaticHeader(cells);
      if ('problem' in header) return diags.error({ file, line, column: 1 }, header.problem);
      columns = header.columns;
      continue;
    }
    if (cells.length > columns) {
      diags.error(
        { file, line, column: columns + 1 },
        `a value in column ${cells.length} is outside the ${columns} columns of the header`,
      );
      continue;
    }
    addDeepomaticRow(cells, (i) => ({ file, line, column: i + 1 }), ctx);
  }
  if (columns === 0)
    diags.error(
      whole,
      `the first sheet is empty: expected the header "${DEEPOMATIC_COLUMNS.join(',')}" and one row per user`,
    );
};

/** The first sheet's rows, or the message saying why the workbook cannot be read. */
async function readFirstSheet(path: string): Promise<SheetData | string> {
  let size: number;
  try {
    if ((await stat(path)).size === 0) return 'file is empty';
    size = await declaredSize(path);
  } catch (e) {
    if (e instanceof ZipError) return `not a readable .xlsx workbook: ${e.message}`;
    return `cannot read the workbook: ${(e as Error).message}`;
  }
  if (size > MAX_ENTRY_BYTES)
    return `the workbook expands to ${formatBytes(size)}, over the ${formatBytes(MAX_ENTRY_BYTES)} limit; refused without reading it`;
  try {
    return await readSheet(path);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.name === 'InvalidInputError' && err.code === 'NO_DATA') return 'file is empty';
    if (err.name === 'InvalidInputError') return `not a readable .xlsx workbook (${err.message})`;
    if (err.name === 'InvalidSpreadsheetError') return `damaged .xlsx workbook: ${err.message}`;
    return `damaged .xlsx workbook: ${xlsxProblem(err)}; save it again from the spreadsheet program, or export it as CSV`;
  }
}

/**
 * What another error of the reader means for the file, in words about the file: the library's own
 * message names its internals ("readFiles(...).then is not a function", "invalid distance too far back").
 */
function xlsxProblem(err: Error & { code?: string }): string {
  if (typeof err.code === 'string' && err.code.startsWith('Z_')) return 'its compressed content is corrupt';
  if (
    err.name === 'Error' &&
    /\b(tag|xml|end of file|attribute|entity|markup|text data)\b/i.test(err.message)
  )
    return 'a part of it is not well-formed XML';
  return 'it cannot be read as a workbook';
}

/** A cell as the text a person sees: numbers and booleans as written, dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value).trim();
}
