import { isOffboarding } from '../../model/lifecycle.js';
import type { ActualMember } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { spreadsheetCsv } from '../table/cells.js';
import { THREEDX_COLUMNS } from './batch-csv.js';

/**
 * Rows of the 3DEXPERIENCE batch file (design §4.2, platform-docs/3dexperience-invite-members-csv.txt):
 * `user;rights;agreement;roles;mail;remove;passport;force;location`. What a row can say, as rollcall uses it:
 *
 * - `remove` 1 / 2 / 3 removes, pseudonymizes, deletes; the platform wants them in that order, one step
 *   after the other, and refuses to remove a user holding a locked license.
 * - Any other row invites the user, or, for a member, grants the row's roles and sets its rights,
 *   agreement and location. A row adds roles; only `force` ("synchronization of all mandatory parameters
 *   … role …") makes the member's roles exactly the row's, so a revoke is a `force` row with the roles the
 *   member keeps.
 * - First and last names are not in the file: they come from the user's 3DPassport. Neither is a
 *   description. So rights, agreement and location are the only fields an import can change.
 *
 * Every row for a member carries the member's whole state after the change (rights, agreement, all its
 * roles, location), so that it says the same under either reading of a row.
 */
export interface BatchRow {
  user: string;
  admin: boolean;
  external: boolean;
  roles: readonly string[];
  mail: boolean;
  remove: '' | 'remove' | '2' | '3';
  passport: boolean;
  force: boolean;
  location: string;
}

/** Batch files, in upload order. Revokes and removals free seats for the invites of a later file. */
export const FILE_KINDS = ['remove', 'revoke', 'pseudonymize', 'invite', 'delete'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export function fileKind(action: Change['action']): FileKind {
  switch (action) {
    case 'remove':
    case 'revoke':
    case 'pseudonymize':
    case 'delete':
      return action;
    default:
      return 'invite'; // invite, grant, update: rows that describe a member
  }
}

const REMOVE_VALUE = { remove: 'remove', pseudonymize: '2', delete: '3' } as const;

/** The row for one member: `m` is the member as it will be once the row is applied. */
export function memberRow(kind: FileKind, m: ActualMember, invite?: Change): BatchRow {
  const lifecycle = isOffboarding(kind);
  return {
    user: m.key,
    admin: m.admin,
    external: m.external,
    roles: lifecycle ? [] : [...m.roles].sort(),
    mail: invite ? invite.options?.notify !== false : false,
    remove: lifecycle ? REMOVE_VALUE[kind] : '',
    passport: invite?.options?.passport === true,
    force: kind === 'revoke' || invite?.options?.force === true,
    location: lifecycle ? '' : (m.location ?? ''),
  };
}

/** The file's text: the header row, then one row per member; cells neutralized against formulas. */
export function batchCsv(rows: readonly BatchRow[]): string {
  return spreadsheetCsv(
    [
      THREEDX_COLUMNS,
      ...rows.map((r) => [
        r.user,
        r.admin ? 'admin' : 'member',
        r.external ? 'contractor' : 'employee',
        r.roles.join(','),
        r.mail ? 'yes' : 'no',
        r.remove,
        r.passport ? 'passport' : '',
        r.force ? 'force' : '',
        r.location,
      ]),
    ],
    ';',
  );
}
