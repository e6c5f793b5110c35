import type { DesiredMemberState } from '../../model/lifecycle.js';
import { DEFAULT_LOCATION, isLocationCode, LOCATION_CODES, type LocationCode } from '../../model/location.js';
import type { FormatLoader, LoadContext, MemberInput } from '../load-context.js';
import { columnOf } from '../table/csv-records.js';
import { reportReadError, streamRowBatches } from '../table/text-rows.js';
import { warnMissingPrerequisites } from './prerequisite-warning.js';
import { is3dxRole } from './roles.js';

/**
 * The 3DEXPERIENCE batch invite CSV (platform-docs/3dexperience-invite-members-csv.txt, design §4.2):
 * `user;rights;agreement;roles;mail;remove;passport;force;location`, values trimmed and case-insensitive.
 */
export const THREEDX_COLUMNS = [
  'user',
  'rights',
  'agreement',
  'roles',
  'mail',
  'remove',
  'passport',
  'force',
  'location',
] as const;

const YES = new Set(['true', 'yes', '1']);
const NO_MAIL = new Set(['false', 'no', 'nomail', '0']);
const REMOVE: Record<string, DesiredMemberState> = {
  '': 'active',
  false: 'active',
  no: 'active',
  '0': 'active',
  remove: 'removed',
  true: 'removed',
  yes: 'removed',
  '1': 'removed',
  '2': 'pseudonymized',
  '3': 'deleted',
};

/** The location codes as shared constants, so that a million members do not hold a million copies. */
const LOCATION: Readonly<Record<string, LocationCode>> = Object.fromEntries(
  LOCATION_CODES.map((c) => [c, c]),
);

export const parseRights = (v: string): boolean => v === 'admin' || v === '1';
export const parseAgreement = (v: string): boolean => v === 'contractor' || v === '1';
export const parseMail = (v: string): boolean => !NO_MAIL.has(v);
export const parsePassport = (v: string): boolean => v === 'passport' || YES.has(v);
export const parseForce = (v: string): boolean => v === 'force' || YES.has(v);
export function parseRemove(v: string): DesiredMemberState | undefined {
  return Object.hasOwn(REMOVE, v) ? REMOVE[v] : undefined;
}

/** Splits and upper-cases a roles cell; returns the bad ids apart. Cells repeat a lot: results are cached. */
const roleCellCache = new Map<string, { roles: string[]; bad: string[] }>();
export function parseRoles(cell: string): { roles: string[]; bad: string[] } {
  const hit = roleCellCache.get(cell);
  if (hit) return hit;
  const roles: string[] = [];
  const bad: string[] = [];
  for (const part of cell.split(',')) {
    const r = part.trim().toUpperCase();
    if (r === '') continue;
    (is3dxRole(r) ? roles : bad).push(r);
  }
  const result = { roles, bad };
  if (roleCellCache.size < 10_000) roleCellCache.set(cell, result);
  return result;
}

export const load3dxCsv: FormatLoader = async (path, ctx) => {
  let rows = 0;
  try {
    for await (const batch of streamRowBatches(path, ';'))
      for (const { fields, line } of batch) {
        if (rows++ === 0) {
          const header = headerCheck(fields, ctx, line);
          if (header === 'bad') return; // the columns are not where the rows say: reading on would mislead
          if (header === 'header') continue;
        }
        readRow(fields, line, ctx);
      }
  } catch (e) {
    if (reportReadError(e, ctx)) return;
    throw e;
  }
  if (rows === 0)
    ctx.diags.error(
      { file: ctx.file, line: 1, column: 1 },
      'file is empty: expected rows of user;rights;agreement;roles;mail;remove;passport;force;location',
    );
};

/** A first row naming the columns is a header; it must name them all, in order. */
function headerCheck(fields: string[], ctx: LoadContext, line: number): 'header' | 'data' | 'bad' {
  const names = fields.map((f) => f.trim().toLowerCase());
  if (names[0] !== 'user') return 'data';
  if (names.length === THREEDX_COLUMNS.length && names.every((n, i) => n === THREEDX_COLUMNS[i]))
    return 'header';
  ctx.diags.error(
    { file: ctx.file, line, column: 1 },
    `header must be "${THREEDX_COLUMNS.join(';')}", found "${fields.join(';')}"`,
  );
  return 'bad';
}

function readRow(fields: string[], line: number, ctx: LoadContext): void {
  const { file, diags } = ctx;
  if (fields.length !== THREEDX_COLUMNS.length) {
    const single = fields.length === 1 ? fields[0]! : '';
    const hint =
      single.includes(',') || single.includes('\t')
        ? ` (is the file ${single.includes('\t') ? 'tab' : 'comma'}-separated? 3DEXPERIENCE batch files use ";")`
        : '';
    diags.error(
      { file, line, column: 1 },
      `expected ${THREEDX_COLUMNS.length} fields separated by ";", found ${fields.length}${hint}`,
    );
    return;
  }
  // Only the cells each check needs, trimmed (and lower-cased) once: no per-row arrays or closures.
  const cell = (col: number) => fields[col]!.trim();
  const lower = (col: number) => fields[col]!.trim().toLowerCase();
  const at = (col: number) => ({ file, line, column: columnOf(fields, col) });
  let ok = true;

  const state = parseRemove(lower(5));
  if (state === undefined) {
    diags.error(
      at(5),
      `unknown remove value "${cell(5)}": use remove/true/yes/1 (remove), 2 (pseudonymize), 3 (delete), or false/no/0/empty`,
    );
    ok = false;
  }
  const { roles, bad } = parseRoles(cell(3));
  for (const r of bad) {
    diags.error(
      at(3),
      `malformed role "${r}": use a trigram (3 upper-case letters or digits) or RAP-/MAP- followed by 8 letters or digits`,
    );
    ok = false;
  }
  // "null - default" (any case): the platform's default site.
  const upper = cell(8).toUpperCase();
  const location = upper === 'NULL' ? DEFAULT_LOCATION : upper;
  if (location !== '' && location !== DEFAULT_LOCATION && !isLocationCode(location)) {
    diags.error(
      at(8),
      `unknown location code "${cell(8)}"; expected one of ${LOCATION_CODES.join(', ')}, null (the default site) or empty`,
    );
    ok = false;
  }
  const user = cell(0);
  if (user === '') {
    diags.error(at(0), 'user is empty: give a 3DPassport id or an e-mail address');
    return;
  }
  // A plain object filled in place: an object literal with spreads in the middle is built in dictionary
  // mode, about 2 KB of garbage per row, which at 1M rows tripled the loader's peak memory.
  const input: MemberInput = {
    admin: parseRights(lower(1)),
    external: parseAgreement(lower(2)),
    roles,
    notify: parseMail(lower(4)),
    state: state ?? 'active',
    passport: parsePassport(lower(6)),
    force: parseForce(lower(7)),
  };
  if (user.includes('@')) input.email = user;
  else input.id = user;
  if (location === DEFAULT_LOCATION) (input as { location?: string }).location = DEFAULT_LOCATION;
  else if (location) input.location = LOCATION[location];
  const member = ctx.member(input, at(0), { rolesAt: at(3), keep: ok });
  if (member && ok && member.state === 'active' && member.roles.length > roles.length)
    warnMissingPrerequisites(diags, at(3), roles, member.roles);
}
