import { ValidationError } from '../../model/errors.js';
import type { ActualMember } from '../../model/member.js';

/**
 * The desired files name people by e-mail or by 3DPassport id (the batch CSV's `user`: "3DPassport user id
 * or email address"). A member the export shows only by its 3DPassport id, without an e-mail, cannot be
 * matched to a file naming it by e-mail: the plan would remove the id and invite the e-mail — the same
 * person. So such an export is refused, with the way to a good one, rather than trusted.
 */
export function checkExportIdentities(members: readonly ActualMember[], shown: string): void {
  // Pseudonymized members have had their personal data taken away: an id is all they have left.
  const idOnly = members.filter((m) => m.email === undefined && m.status !== 'pseudonymized');
  if (idOnly.length === 0) return;
  const examples = idOnly
    .slice(0, 3)
    .map((m) => m.key)
    .join(', ');
  throw new ValidationError(
    `${shown}: ${idOnly.length} member${idOnly.length === 1 ? ' is' : 's are'} named by 3DPassport id without an e-mail address (${examples}${idOnly.length > 3 ? ', …' : ''}): rollcall could not tell them from people the files name by e-mail, and would plan to remove one and invite the other; export the members with the email column filled`,
  );
}
