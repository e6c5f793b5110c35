import { spreadsheetCsv } from '../table/cells.js';

/**
 * One row of the Anaplan user import file (platform-docs/anaplan-user-import.txt, design §4.4). A row
 * names its user by e-mail; an empty cell leaves that attribute as it is, so a row carries only what
 * changes. A model role of "No Access" takes the model role away.
 */
export interface ImportRow {
  email: string;
  firstName?: string;
  lastName?: string;
  role?: string;
  access?: string[];
  sso?: boolean;
}

/** The columns rollcall writes, named as the import maps them. */
export const IMPORT_COLUMNS = ['Email', 'First Name', 'Last Name', 'Model Role', 'Selective Access', 'SSO'];

const cells = (r: ImportRow) => [
  r.email,
  r.firstName ?? '',
  r.lastName ?? '',
  r.role ?? '',
  r.access?.join(', ') ?? '',
  r.sso === undefined ? '' : String(r.sso),
];

/**
 * The file's text: `.csv` comma-separated, `.txt` tab-separated, CRLF line ends. Cells a spreadsheet would
 * run as formulas get a leading space (see formats/table/cells.ts), which the import trims.
 */
export function importFileText(rows: readonly ImportRow[], fileFormat: 'csv' | 'txt'): string {
  return spreadsheetCsv([IMPORT_COLUMNS, ...rows.map(cells)], fileFormat === 'txt' ? '\t' : ',');
}

/** "model role Planner, SSO true": what a row sets, for messages. */
export function describeRow(r: ImportRow): string {
  const parts: string[] = [];
  if (r.role !== undefined) parts.push(`model role ${r.role}`);
  if (r.access !== undefined) parts.push(`selective access ${r.access.join(', ')}`);
  if (r.sso !== undefined) parts.push(`SSO ${r.sso}`);
  return parts.join(', ');
}
