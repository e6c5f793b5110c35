import { z } from 'zod';
import { FORMATS } from '../formats/dialect.js';
import { RoleCost } from '../model/cost.js';
import { MemberDefaults } from '../model/members-file.js';
import { MaxRemovals, Policy } from '../model/policy.js';
import { PROVIDER_NAMES } from '../providers/registry.js';

export { FORMATS };
export const Format = z.enum(FORMATS, {
  error: (issue) => `unknown format ${JSON.stringify(issue.input)}; known formats: ${FORMATS.join(', ')}`,
});
export type Format = z.infer<typeof Format>;

const ProviderName = z.enum(PROVIDER_NAMES, {
  error: (issue) =>
    `unknown provider ${JSON.stringify(issue.input)}; known providers: ${PROVIDER_NAMES.join(', ')}`,
});

const RoleSpec = z.strictObject({
  requires: z
    .array(z.string())
    .optional()
    .describe('Roles this role needs; added (3DEXPERIENCE) or demanded'),
  description: z.string().optional(),
  cost: RoleCost.optional().describe('License cost of one seat of this role'),
});

export { MaxRemovals, Policy };

export const TargetConfig = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, 'target names use only a-z, 0-9 and -'),
  provider: ProviderName,
  members: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe(
      'Desired-state files: globs relative to this file (optional when the people directory feeds it)',
    ),
  format: Format.optional().describe('Dialect of the non-YAML files'),
  connection: z
    .record(z.string(), z.unknown())
    .default({})
    .describe('Provider-specific; secrets only as ${env:NAME}'),
  roles: z.record(z.string(), RoleSpec).optional().describe('Role catalog'),
  bundles: z.record(z.string(), z.array(z.string())).optional().describe('Named role sets, used as "@name"'),
  defaults: MemberDefaults.optional().describe(
    'Values for every member of this target that does not set them',
  ),
  policy: Policy.default(Policy.parse({})),
});
export type TargetConfigInput = z.input<typeof TargetConfig>;

export const ConfigFile = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(1, { error: 'version must be 1' }),
    journal: z
      .string()
      .optional()
      .describe(
        'Audit journal of apply runs (JSON lines), relative to this file; default .rollcall/journal.jsonl',
      ),
    people: z
      .array(z.string().min(1))
      .optional()
      .describe('The people directory (design §4.5): globs of people files, relative to this file'),
    approvals: z
      .string()
      .min(1)
      .optional()
      .describe('Approved removals and cost increases (design §6.1), relative to this file'),
    targets: z.array(TargetConfig).min(1, 'at least one target is needed'),
  })
  .meta({ title: 'rollcall configuration', description: 'Targets whose membership rollcall reconciles' });
export type ConfigFile = z.infer<typeof ConfigFile>;
