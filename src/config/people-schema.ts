import { z } from 'zod';
import { IsoDay } from '../model/day.js';
import { MemberEntry } from '../model/members-file.js';

/** One access entry: that target's member fields (design §4.1), minus identity. */
export const AccessEntry = MemberEntry.omit({ email: true, id: true, github: true, githubId: true }).describe(
  "This person's member fields on that target; they override the person's own",
);
export type AccessEntry = z.infer<typeof AccessEntry>;

/** One person of the people directory (design §4.5): once, with every identity and every access. */
export const Person = z.strictObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  description: z.string().optional(),
  email: z.string().optional().describe('E-mail address: the key on e-mail keyed targets'),
  github: z.string().min(1).optional().describe('GitHub login (provider github targets)'),
  githubId: z.number().int().positive().optional().describe('GitHub numeric user id'),
  passport: z.string().min(1).optional().describe('3DPassport id, for targets keyed by platform id'),
  external: z.boolean().optional().describe('Contractor (true) or employee (false)'),
  until: IsoDay.optional().describe('Last day of all access (YYYY-MM-DD, UTC)'),
  state: z
    .enum(['active', 'left'])
    .optional()
    .describe('active (default) | left: offboarded on every target by its policy.offboard'),
  access: z.record(z.string(), AccessEntry).optional().describe('Target name → that target’s member fields'),
});
export type Person = z.infer<typeof Person>;

export const PeopleFile = z
  .strictObject({
    $schema: z.string().optional(),
    people: z.array(Person),
  })
  .meta({ title: 'rollcall people', description: 'The people directory shared by every rollcall target' });
export type PeopleFile = z.infer<typeof PeopleFile>;
