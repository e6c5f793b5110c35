import { Diagnostics } from '../../model/diagnostic.js';
import { ValidationError } from '../../model/errors.js';
import { isEmail, isPlatformId, looksLikeEmail, normalizeEmail, normalizeId } from '../../model/key.js';
import { isLocationCode, LOCATION_CODES } from '../../model/location.js';
import type { ActualMember } from '../../model/member.js';
import { columnOf } from '../table/csv-records.js';
import { readExportRows } from '../table/export-table.js';
import { parseRoles } from './batch-csv.js';
import { parseAgreementCell, parseRightsCell, parseStatus, STATUS_WORDS } from './export-values.js';

/**
 * The 3DEXPERIENCE members export rollcall reads (the Members tab of Members Control Center, exported or
 * copied to a file): semicolon-separated like the batch file, a header row naming the columns in any order.
 *
 *   user         3DPassport id or e-mail address (required)
 *   email        e-mail address, when `user` is a 3DPassport id
 *   first name   shown once the member accepted the invitation
 *   last name
 *   rights       Admin | Member
 *   agreement    Employee | Contractor
 *   roles        role trigrams and RAP-/MAP- ids, comma-separated
 *   locked       the roles among them whose licenses are locked (cannot be revoked now)
 *   status       Pending | Active | No access (or Removed) | Pseudonymized (required)
 *   location     site code, empty (or null) for the platform default
 *   invited      optional: the day the invitation was sent (YYYY-MM-DD), for pending members
 *
 * Deleted users are not listed. Every problem is reported, located; then the read fails.
 */
export const EXPORT_COLUMNS = [
  'user',
  'email',
  'first name',
  'last name',
  'rights',
  'agreement',
  'roles',
  'locked',
  'status',
  'location',
  'invited',
] as const;
type Column = (typeof EXPORT_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['user', 'status'];

export async function readMembersExport(path: string, shown: string): Promise<ActualMember[]> {
  const diags = new Diagnostics();
  const members = await readExportRows(
    path,
    HEADER,
    shown,
    diags,
    (f, l, c) => readRow(f, l, c, shown, diags),
    {
      of: (m) => m.key,
      noun: 'member',
    },
  );
  if (diags.hasErrors)
    throw new ValidationError(`${shown}: invalid 3DEXPERIENCE members export`, diags.items);
  return members;
}

const HEADER = {
  columns: EXPORT_COLUMNS,
  required: REQUIRED,
  delimiter: ';',
  delimiterHint: 'is the file comma- or tab-separated? the export is read with ";"',
};

function readRow(
  fields: string[],
  line: number,
  columns: Map<Column, number>,
  file: string,
  diags: Diagnostics,
): ActualMember | undefined {
  const cell = (c: Column) => (columns.has(c) ? (fields[columns.get(c)!] ?? '').trim() : '');
  const at = (c: Column) => ({ file, line, column: columnOf(fields, columns.get(c) ?? 0) });
  if (fields.length !== columns.size) {
    diags.error(
      { file, line, column: 1 },
      `expected ${columns.size} fields separated by ";" (as in the header), found ${fields.length}`,
    );
    return undefined;
  }
  let ok = true;
  const fail = (c: Column, message: string) => {
    diags.error(at(c), message);
    ok = false;
  };

  const identity = memberIdentity(cell('user'), cell('email'));
  if (typeof identity === 'string') fail(identity.startsWith('email') ? 'email' : 'user', identity);
  const status = parseStatus(cell('status'));
  if (!status) fail('status', `unknown status "${cell('status')}": expected ${STATUS_WORDS}`);
  const admin = parseRightsCell(cell('rights'));
  if (admin === undefined) fail('rights', `unknown rights "${cell('rights')}": expected Admin or Member`);
  const external = parseAgreementCell(cell('agreement'));
  if (external === undefined)
    fail('agreement', `unknown agreement "${cell('agreement')}": expected Employee or Contractor`);
  const roles = parseRoles(cell('roles'));
  for (const r of roles.bad) fail('roles', `malformed role "${r}"`);
  const locked = parseRoles(cell('locked'));
  for (const r of locked.bad) fail('locked', `malformed role "${r}"`);
  for (const r of locked.roles)
    if (!roles.roles.includes(r)) fail('locked', `locked role "${r}" is not among the member's roles`);
  // "null - default" in any case is the default site, as an empty cell is.
  const location = cell('location').toUpperCase() === 'NULL' ? '' : cell('location').toUpperCase();
  if (location !== '' && !isLocationCode(location))
    fail(
      'location',
      `unknown location code "${cell('location')}"; expected one of ${LOCATION_CODES.join(', ')} or empty`,
    );
  const invited = cell('invited');
  if (invited !== '' && !isIsoDate(invited))
    fail('invited', `invited must be a date YYYY-MM-DD (when the invitation was sent), found "${invited}"`);
  if (!ok || typeof identity === 'string') return undefined;

  const member: ActualMember = {
    ...identity,
    status: status!,
    admin: admin!,
    external: external!,
    roles: [...new Set(roles.roles)].sort(),
    lockedRoles: [...new Set(locked.roles)].sort(),
  };
  if (cell('first name')) member.firstName = cell('first name');
  if (cell('last name')) member.lastName = cell('last name');
  if (location) member.location = location;
  if (invited) member.invitedOn = invited;
  return member;
}

function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
}

/** The member's key and aliases, or the problem with its identity. */
function memberIdentity(user: string, email: string): { key: string; email?: string; id?: string } | string {
  if (user === '') return 'user is empty: expected a 3DPassport id or an e-mail address';
  let mail: string | undefined;
  if (email !== '') {
    mail = normalizeEmail(email);
    if (!isEmail(mail)) return `email "${email}" is not a valid e-mail address`;
  }
  if (looksLikeEmail(user)) {
    const u = normalizeEmail(user);
    if (!isEmail(u)) return `user "${user}" is not a valid e-mail address`;
    if (mail && mail !== u) return `email "${email}" differs from the e-mail address in user "${user}"`;
    return { key: u, email: u };
  }
  const id = normalizeId(user);
  if (!isPlatformId(id)) return `user "${user}" is neither an e-mail address nor a 3DPassport id`;
  return mail ? { key: mail, email: mail, id } : { key: id, id };
}
