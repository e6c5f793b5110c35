import { isLocationCode } from '../../model/location.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import { WriteProblems } from '../write-problems.js';
import { identity, keyProblem, sortedMembers } from '../written-members.js';
import { yamlFlowList, yamlScalar } from './yaml-scalar.js';

export interface YamlWriteOptions {
  /** Where the members JSON Schema is, for the `# yaml-language-server: $schema=` line. */
  schema: string;
  /** The target, named in the file's comment. */
  target?: string;
}

const TEXT_FIELDS = ['firstName', 'lastName', 'description'] as const;

/**
 * A YAML members file (design §4.1) describing exactly `state`: members sorted by key, each with every
 * managed field the platform has. `admin`, `external` and `roles` are always written, so that no default
 * of the file or the target fills them in; removed and pseudonymized members carry `state`, invited ones
 * are active (a pending invitation counts as present). Throws UnwritableError listing every member the
 * format cannot express. Yields one chunk per member, so a large state is never one giant string.
 */
export function* yamlMembersChunks(state: ActualState, options: YamlWriteOptions): Generator<string> {
  const problems = new WriteProblems();
  const members = sortedMembers(state.members, problems);
  for (const m of members) check(m, problems);
  problems.throwIfAny(
    'a YAML members file',
    "correct them on the platform, or leave them out with the target's policy.ignore",
  );
  const about = options.target ? ` of target ${yamlScalar(options.target)}` : '';
  yield `# yaml-language-server: $schema=${options.schema}\n` +
    `# The members${about} as the platform had them, written by \`rollcall import\`.\n` +
    (members.length === 0 ? 'members: []\n' : 'members:\n');
  for (const m of members) yield entry(m);
}

export function writeYamlMembers(state: ActualState, options: YamlWriteOptions): string {
  return [...yamlMembersChunks(state, options)].join('');
}

function check(m: ActualMember, problems: WriteProblems): void {
  const bad = keyProblem(m);
  if (bad) problems.add(m.key, bad);
  for (const r of m.roles) {
    if (r === '') problems.add(m.key, 'has an empty role name');
    // "@name" in a members file names a bundle, not a role.
    else if (r.startsWith('@')) problems.add(m.key, `role ${JSON.stringify(r)} would be read as a bundle`);
  }
  if (m.location !== undefined && m.location !== '' && !isLocationCode(m.location))
    problems.add(m.key, `location ${JSON.stringify(m.location)} is not a 3DEXPERIENCE location code`);
}

function entry(m: ActualMember): string {
  const { field, value } = identity(m);
  // A GitHub user: the numeric id is the key, the login its alias (design §5.2).
  const lines =
    m.github !== undefined && /^\d+$/.test(m.key)
      ? [`  - githubId: ${m.key}`, `    github: ${yamlScalar(m.github)}`]
      : [`  - ${field}: ${yamlScalar(value)}`];
  if (field === 'email' && m.id !== undefined && m.id !== '' && m.id !== m.key)
    lines.push(`    id: ${yamlScalar(m.id)}`);
  for (const f of TEXT_FIELDS) {
    const v = m[f];
    if (v !== undefined) lines.push(`    ${f}: ${yamlScalar(v)}`);
  }
  lines.push(`    admin: ${m.admin}`, `    external: ${m.external}`);
  if (m.location !== undefined && m.location !== '') lines.push(`    location: ${m.location}`);
  if (m.sso !== undefined) lines.push(`    sso: ${m.sso}`);
  if (m.access !== undefined) lines.push(`    access: ${yamlFlowList(m.access)}`);
  lines.push(`    roles: ${yamlFlowList(m.roles)}`);
  if (m.status === 'removed' || m.status === 'pseudonymized') lines.push(`    state: ${m.status}`);
  return `${lines.join('\n')}\n`;
}
