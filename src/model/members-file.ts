import { z } from 'zod';
import { IsoDay } from './day.js';
import { DesiredMemberState } from './lifecycle.js';
import { LOCATION_CODES } from './location.js';

const Location = z.enum(LOCATION_CODES, {
  error: (issue) =>
    `unknown location code ${JSON.stringify(issue.input)}; expected one of ${LOCATION_CODES.join(', ')}`,
});

const RoleList = z
  .array(z.string().min(1))
  .describe('Roles: catalog role names, or "@bundle" for a named set of roles');

/** Fields a member entry and the `defaults` share. */
const memberSettings = {
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  description: z.string().optional(),
  admin: z.boolean().optional().describe('Platform administrator rights'),
  external: z.boolean().optional().describe('Contractor (true) or employee (false)'),
  roles: RoleList.optional(),
  location: Location.optional().describe('3DEXPERIENCE site code'),
  sso: z.boolean().optional().describe('Anaplan: logs in with single sign-on'),
  access: z.array(z.string()).optional().describe('Anaplan selective access, Deepomatic site accesses'),
  notify: z.boolean().optional().describe('Send the welcome e-mail on invite'),
  passport: z.boolean().optional().describe('3DEXPERIENCE: refresh the user from 3DPassport when applied'),
  force: z
    .boolean()
    .optional()
    .describe('3DEXPERIENCE: force synchronization of mandatory fields when applied'),
};

export const MemberDefaults = z
  .strictObject(memberSettings)
  .describe('Values for members that do not set them');
export type MemberDefaults = z.infer<typeof MemberDefaults>;

export const MemberEntry = z.strictObject({
  email: z.string().optional().describe('E-mail address (the key, lower-cased)'),
  id: z.string().optional().describe('Platform id, such as a 3DPassport id, when there is no e-mail'),
  github: z.string().min(1).optional().describe('GitHub login (case-insensitive); provider github'),
  githubId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('GitHub numeric user id, the key: survives renames; provider github'),
  ...memberSettings,
  state: DesiredMemberState.optional().describe('active (default) | removed | pseudonymized | deleted'),
  until: IsoDay.optional().describe('Last day of access (YYYY-MM-DD, UTC); offboarded after it'),
});
export type MemberEntry = z.infer<typeof MemberEntry>;

/** A YAML members file (design §4.1). */
export const MembersFile = z
  .strictObject({
    $schema: z.string().optional(),
    defaults: MemberDefaults.optional(),
    members: z.array(MemberEntry),
  })
  .meta({ title: 'rollcall members file', description: 'Desired members of one rollcall target' });
export type MembersFile = z.infer<typeof MembersFile>;
