import { Diagnostics } from '../../model/diagnostic.js';
import { ValidationError } from '../../model/errors.js';
import { isEmail, normalizeEmail } from '../../model/key.js';
import type { ActualMember } from '../../model/member.js';
import { columnOf } from '../table/csv-records.js';
import { readExportRows } from '../table/export-table.js';

/**
 * The Deepomatic users export rollcall reads (the organization's Users page, exported or copied to a file):
 * comma-separated, a header row naming the columns in any order, case-insensitive.
 *
 *   Email           the user's address (required)
 *   First name, Last name, Description
 *   Role            the user's role (permission set); several are comma-separated in a quoted cell
 *   Site accesses   the sites the user may access, comma-separated in a quoted cell
 *   Status          Active | Invite Pending | Invite Expired (required)
 *
 * An expired invitation grants nothing: such a user is left out of the actual state, so that a desired
 * user is invited again. Every problem is reported, located; then the read fails.
 */
export const USERS_COLUMNS = [
  'Email',
  'First name',
  'Last name',
  'Description',
  'Role',
  'Site accesses',
  'Status',
] as const;
type Column = (typeof USERS_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['Email', 'Status'];

const STATUS: Record<string, ActualMember['status'] | 'expired'> = {
  active: 'active',
  'invite pending': 'invited',
  'invite expired': 'expired',
};

export interface UsersExport {
  members: ActualMember[];
  /** Users whose invitation expired (not members). */
  expired: string[];
}

export async function readUsersExport(path: string, shown: string): Promise<UsersExport> {
  const diags = new Diagnostics();
  const out: UsersExport = { members: [], expired: [] };
  const rows = await readExportRows(path, HEADER, shown, diags, (f, l, c) => readRow(f, l, c, shown, diags), {
    of: (row) => row.key,
    noun: 'user',
  });
  for (const row of rows)
    if (row.status === 'expired') out.expired.push(row.key);
    else out.members.push({ ...row, status: row.status });
  if (diags.hasErrors) throw new ValidationError(`${shown}: invalid Deepomatic users export`, diags.items);
  return out;
}

const HEADER = {
  columns: USERS_COLUMNS,
  required: REQUIRED,
  delimiter: ',',
  delimiterHint: 'is the file semicolon- or tab-separated? the export is read with ","',
};

const list = (cell: string) =>
  [
    ...new Set(
      cell
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ].sort();

function readRow(
  fields: string[],
  line: number,
  columns: Map<Column, number>,
  file: string,
  diags: Diagnostics,
) {
  if (fields.length !== columns.size) {
    diags.error(
      { file, line, column: 1 },
      `expected ${columns.size} fields separated by "," (as in the header), found ${fields.length}`,
    );
    return undefined;
  }
  const cell = (c: Column) => (columns.has(c) ? fields[columns.get(c)!]!.trim() : '');
  const at = (c: Column) => ({ file, line, column: columnOf(fields, columns.get(c) ?? 0) });
  let ok = true;
  const email = normalizeEmail(cell('Email'));
  if (!isEmail(email)) {
    diags.error(at('Email'), email === '' ? 'Email is empty' : `invalid e-mail address "${cell('Email')}"`);
    ok = false;
  }
  const status = STATUS[cell('Status').toLowerCase().replace(/\s+/g, ' ')];
  if (!status) {
    diags.error(
      at('Status'),
      `unknown status "${cell('Status')}": expected Active, Invite Pending or Invite Expired`,
    );
    ok = false;
  }
  if (!ok) return undefined;
  const m = {
    key: email,
    email,
    status: status!,
    admin: false,
    external: false,
    roles: list(cell('Role')),
    access: list(cell('Site accesses')),
    lockedRoles: [] as string[],
  } as Omit<ActualMember, 'status'> & { status: ActualMember['status'] | 'expired' };
  for (const [c, f] of [
    ['First name', 'firstName'],
    ['Last name', 'lastName'],
    ['Description', 'description'],
  ] as const)
    if (cell(c)) m[f] = cell(c);
  return m;
}
