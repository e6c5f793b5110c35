import type { MemberStatus } from '../../model/lifecycle.js';

/**
 * The values of a 3DEXPERIENCE members export (see export-file.ts), as the Members tab shows them. Each parser
 * returns the value, or undefined when the cell is not one of the words it accepts.
 */
const STATUS: Record<string, MemberStatus> = {
  pending: 'invited',
  active: 'active',
  'no access': 'removed',
  removed: 'removed',
  pseudonymized: 'pseudonymized',
  pseudonymised: 'pseudonymized',
};
export const STATUS_WORDS = 'Pending, Active, No access (or Removed), Pseudonymized';

export function parseStatus(cell: string): MemberStatus | undefined {
  const v = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.hasOwn(STATUS, v) ? STATUS[v] : undefined;
}

const RIGHTS: Record<string, boolean> = {
  admin: true,
  administrator: true,
  '1': true,
  member: false,
  '0': false,
  '': false,
};
export function parseRightsCell(cell: string): boolean | undefined {
  const v = cell.trim().toLowerCase();
  return Object.hasOwn(RIGHTS, v) ? RIGHTS[v] : undefined;
}

const AGREEMENT: Record<string, boolean> = {
  contractor: true,
  external: true,
  '1': true,
  employee: false,
  '0': false,
  '': false,
};
export function parseAgreementCell(cell: string): boolean | undefined {
  const v = cell.trim().toLowerCase();
  return Object.hasOwn(AGREEMENT, v) ? AGREEMENT[v] : undefined;
}
