import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Diagnostics } from '../../model/diagnostic.js';
import { ProviderError, ValidationError } from '../../model/errors.js';
import { isEmail, normalizeEmail } from '../../model/key.js';
import { displayPath } from '../../util/display-path.js';
import { latestFile } from '../../util/latest-file.js';
import { columnOf } from '../table/csv-records.js';
import { readExportRows } from '../table/export-table.js';
import { ANAPLAN_COLUMNS } from './user-import.js';

/**
 * The model's users export rollcall reads (the model's Users pane, exported to a file): the columns of the
 * user import file (design §4.4), a header naming them in any order, case-insensitive; `.csv` is
 * comma-separated, `.txt` tab-separated.
 *
 *   Email             the user's login address (required: users are matched to SCIM by it)
 *   Model Role        the user's role in this model; empty or "No Access" for none (required)
 *   Selective Access  comma-separated, e.g. "Products Write, Products Read"; empty for none
 *   SSO               true or false; empty when unknown
 *   User ID, First Name, Last Name   read past: SCIM is the source of users and names
 *
 * Every problem is reported, located; then the read fails (a broken export is never an empty model).
 */
export interface ModelUser {
  /** The model role; undefined for No Access. */
  role?: string;
  /** Always a list for a user the export shows; empty for none. */
  access: string[];
  sso?: boolean;
}

type Column = (typeof ANAPLAN_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['Email', 'Model Role'];

export const NO_ACCESS = 'No Access';
export const EXPORT_EXTENSIONS = ['.csv', '.txt'];

export interface UsersExport {
  users: Map<string, ModelUser>;
  /** Which file was read and what it held: tells whether a later export is another one. */
  fingerprint: string;
  file: string;
}

/** The newest export of `target` (a file or folder), read whole. */
export async function readModelUsersExport(target: string): Promise<UsersExport> {
  const file = await latestFile(target, displayPath(target), EXPORT_EXTENSIONS);
  const shown = displayPath(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw new ProviderError(
      `${shown}: cannot read the model's users export (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const { mtimeMs } = await stat(file);
  const delimiter = path.extname(file).toLowerCase() === '.txt' ? '\t' : ',';
  const users = await parseModelUsers(bytes, delimiter, shown);
  const digest = createHash('sha256').update(bytes).digest('hex');
  return { users, file, fingerprint: `${file}\0${mtimeMs}\0${digest}` };
}

export async function parseModelUsers(
  bytes: Uint8Array,
  delimiter: ',' | '\t',
  shown: string,
): Promise<Map<string, ModelUser>> {
  const diags = new Diagnostics();
  const users = new Map<string, ModelUser>();
  const spec = {
    columns: ANAPLAN_COLUMNS,
    required: REQUIRED,
    delimiter,
    delimiterHint: `this file is read as ${separated(delimiter)}-separated: .csv comma, .txt tab`,
  };
  const rows = await readExportRows(
    once(bytes),
    spec,
    shown,
    diags,
    (f, l, c) => readRow(f, l, c, delimiter, shown, diags),
    { of: (row) => row.email, noun: 'user' },
  );
  for (const row of rows) users.set(row.email, row.user);
  if (diags.hasErrors) throw new ValidationError(`${shown}: invalid Anaplan model users export`, diags.items);
  return users;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const separated = (d: string) => (d === '\t' ? 'tab' : 'comma');

function readRow(
  fields: string[],
  line: number,
  columns: Map<Column, number>,
  delimiter: string,
  file: string,
  diags: Diagnostics,
): { email: string; user: ModelUser } | undefined {
  if (fields.length !== columns.size) {
    diags.error(
      { file, line, column: 1 },
      `expected ${columns.size} fields separated by ${delimiter === '\t' ? 'tabs' : '","'} (as in the header), found ${fields.length}`,
    );
    return undefined;
  }
  const cell = (c: Column) => (columns.has(c) ? fields[columns.get(c)!]!.trim() : '');
  const at = (c: Column) => ({ file, line, column: columnOf(fields, columns.get(c) ?? 0) });
  let ok = true;
  const email = normalizeEmail(cell('Email'));
  if (!isEmail(email)) {
    diags.error(
      at('Email'),
      email === ''
        ? 'Email is empty: the export must give each user’s address'
        : `invalid e-mail address "${cell('Email')}"`,
    );
    ok = false;
  }
  const user: ModelUser = { access: list(cell('Selective Access')) };
  const role = cell('Model Role');
  if (role !== '' && role.toLowerCase() !== NO_ACCESS.toLowerCase()) user.role = role;
  const sso = cell('SSO').toLowerCase();
  if (sso === 'true' || sso === 'false') user.sso = sso === 'true';
  else if (sso !== '') {
    diags.error(at('SSO'), `SSO must be "true" or "false", found "${cell('SSO')}"`);
    ok = false;
  }
  return ok ? { email, user } : undefined;
}

function list(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].sort();
}
