import { Diagnostics } from '../model/diagnostic.js';
import { memberKey } from '../model/key.js';
import type { ActualMember } from '../model/member.js';
import type { WriteProblems } from './write-problems.js';

/**
 * The members to write, sorted by key (code-unit order, the same on every machine), with the same key
 * twice reported: a loader would refuse the second one.
 */
export function sortedMembers(members: readonly ActualMember[], problems: WriteProblems): ActualMember[] {
  const sorted = [...members].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.key === sorted[i - 1]!.key)
      problems.add(sorted[i]!.key, 'the platform lists this key twice');
  return sorted;
}

/** How a file names a member: by e-mail when the key is one, else by platform id. */
export function identity(m: ActualMember): { field: 'email' | 'id'; value: string } {
  return m.key.includes('@') ? { field: 'email', value: m.key } : { field: 'id', value: m.key };
}

/**
 * Whether the loaders turn this identity back into exactly the member's key (the same normalization and
 * checks they apply: e-mails trimmed, NFC, lower-cased and valid; ids of letters, digits, ".", "_", "-").
 */
export function keyProblem(m: ActualMember): string | undefined {
  const { field, value } = identity(m);
  const diags = new Diagnostics();
  const back = memberKey({ [field]: value }, { file: '', line: 0 }, diags);
  if (!back) return diags.items[0]?.message ?? 'not a valid e-mail address or platform id';
  if (back.key !== m.key) return `would be read back as ${JSON.stringify(back.key)}`;
  return undefined;
}
