import type { ActualMember } from '../../model/member.js';

const DAY = 86_400_000;

/**
 * "The status is Pending until he/she accepts the invitation" … "If you need to resend the invitation,
 * click Resend Invitation": how many members are pending and since when (where the export has the
 * `invited` column), and who has been pending longer than `afterDays`, as lines for the plan's log.
 * rollcall does not resend by itself: the batch import documents no resend.
 */
export function pendingReport(
  target: string,
  members: readonly ActualMember[],
  afterDays: number,
  now: Date,
): string[] {
  const pending = members.filter((m) => m.status === 'invited');
  if (pending.length === 0) return [];
  const dated = pending.filter((m) => m.invitedOn).sort((a, b) => (a.invitedOn! < b.invitedOn! ? -1 : 1));
  const lines = [
    `${target}: ${pending.length} member${pending.length === 1 ? ' is' : 's are'} Pending (invitation not accepted)${dated.length ? `, the oldest since ${dated[0]!.invitedOn}` : ''}`,
  ];
  const limit = now.getTime() - afterDays * DAY;
  const stale = dated.filter((m) => Date.parse(`${m.invitedOn}T00:00:00Z`) < limit);
  if (stale.length > 0) {
    const shown = stale
      .slice(0, 10)
      .map((m) => `${m.key} (since ${m.invitedOn})`)
      .join(', ');
    lines.push(
      `${target}: ${stale.length} pending longer than ${afterDays} days: ${shown}${stale.length > 10 ? ', …' : ''}; resend their invitation in Members Control Center (Resend Invitation)`,
    );
  }
  return lines;
}
