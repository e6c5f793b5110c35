import { looksLikeEmail, normalizeEmail } from '../../model/key.js';
import type { ActualMember } from '../../model/member.js';
import type { FieldValues } from '../../model/plan.js';
import type { ScimUser } from './directory.js';
import { workEmail } from './match.js';
import type { PatchOperation } from './schema-ids.js';

type Resource = Record<string, unknown>;

/** User attributes that hold personal data and that pseudonymizing removes (the key's attribute stays). */
export const PERSONAL_ATTRIBUTES = [
  'name',
  'displayName',
  'nickName',
  'title',
  'profileUrl',
  'phoneNumbers',
  'addresses',
  'photos',
  'ims',
] as const;

/** rollcall fields and where they live on a SCIM user. */
export const FIELD_PATHS = {
  firstName: 'name.givenName',
  lastName: 'name.familyName',
  external: 'userType',
} as const;
export const SCIM_FIELDS = Object.keys(FIELD_PATHS) as (keyof typeof FIELD_PATHS)[];

const CONTRACTOR = 'Contractor';
const EMPLOYEE = 'Employee';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function personalOf(r: Resource): string[] {
  return PERSONAL_ATTRIBUTES.filter((a) => {
    const v = r[a];
    if (v === undefined || v === null || v === '') return false;
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === 'object') return Object.values(v as object).some((x) => x !== undefined && x !== '');
    return true;
  });
}

/** A SCIM user as a member: status from `active` (and pseudonymized when no personal data is left). */
export function toMember(r: Resource, u: ScimUser, canPseudonymize: boolean): ActualMember {
  const name = (r.name ?? {}) as Resource;
  const status = u.active
    ? 'active'
    : canPseudonymize && u.personal.length === 0
      ? 'pseudonymized'
      : 'removed';
  const m: ActualMember = {
    key: u.key,
    status,
    admin: false,
    external: typeof r.userType === 'string' && r.userType.toLowerCase() === CONTRACTOR.toLowerCase(),
    roles: [...u.roles].sort(),
    lockedRoles: [],
  };
  const email =
    workEmail(r) ?? (typeof r.userName === 'string' && looksLikeEmail(r.userName) ? r.userName : undefined);
  if (email) m.email = normalizeEmail(email);
  const first = str(name.givenName);
  const last = str(name.familyName);
  if (first !== undefined) m.firstName = first;
  if (last !== undefined) m.lastName = last;
  return m;
}

/** The user attributes for a new user from a change's `after` fields. */
export function createAttributes(after: FieldValues | undefined): Resource {
  const out: Resource = {};
  const name: Resource = {};
  if (typeof after?.firstName === 'string') name.givenName = after.firstName;
  if (typeof after?.lastName === 'string') name.familyName = after.lastName;
  if (Object.keys(name).length > 0) out.name = name;
  if (typeof after?.external === 'boolean') out.userType = after.external ? CONTRACTOR : EMPLOYEE;
  return out;
}

/** PATCH `replace` of exactly the changed fields. */
export function replaceOperations(after: FieldValues | undefined): PatchOperation[] {
  const ops: PatchOperation[] = [];
  for (const f of SCIM_FIELDS) {
    const v = after?.[f];
    if (v === undefined) continue;
    const value = f === 'external' ? (v ? CONTRACTOR : EMPLOYEE) : v;
    ops.push({ op: 'replace', path: FIELD_PATHS[f], value });
  }
  return ops;
}
