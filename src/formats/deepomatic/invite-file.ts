import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { spreadsheetCsv } from '../table/cells.js';
import { DEEPOMATIC_COLUMNS } from './invite-csv.js';

/**
 * The Deepomatic batch invite file (platform-docs/deepomatic-invite-batch*.txt, design §4.3): the columns
 * `Email`, `First name`, `Last name`, `Description`, named and in this order. The role and site accesses are
 * chosen on the platform when the file is imported, one set for the whole file.
 */
export interface InviteRow {
  email: string;
  firstName: string;
  lastName: string;
  description: string;
}

const cells = (r: InviteRow) => [r.email, r.firstName, r.lastName, r.description];

/** CSV, comma-separated; cells a spreadsheet would run as formulas neutralized (see formats/table/cells.ts). */
export function inviteCsv(rows: readonly InviteRow[]): string {
  return spreadsheetCsv([DEEPOMATIC_COLUMNS, ...rows.map(cells)], ',');
}

/** XLSX, one sheet laid out like the CSV. Every cell is typed text: never a formula, so kept exact. */
export async function inviteXlsx(rows: readonly InviteRow[]): Promise<Buffer> {
  const text = (value: string) => (value === '' ? null : { value, type: String });
  const sheet: SheetData = [DEEPOMATIC_COLUMNS.map(text), ...rows.map((r) => cells(r).map(text))];
  return writeXlsxFile(sheet).toBuffer();
}
