import { type InviteRow, inviteCsv, inviteXlsx } from '../../formats/deepomatic/invite-file.js';
import { isEmail } from '../../model/key.js';
import type { Change } from '../../model/plan.js';
import { displayPath } from '../../util/display-path.js';
import type { Uploader } from '../../util/upload-command.js';
import { FileHandover } from '../file-handover.js';
import { type PendingRow, pendingFor, stillPending } from '../pending-files.js';
import type { ChangeResult } from '../types.js';

export interface InviteRunOptions {
  target: string;
  runId: string;
  dir: string;
  fileFormat: 'csv' | 'xlsx';
  upload?: Uploader;
  log: (line: string) => void;
  exportPath: string;
  /** Rows earlier runs wrote that the export does not show yet: not written again. */
  pending?: ReadonlyMap<string, PendingRow>;
}

/** What an import cannot do, and where an administrator does it instead. */
export const BY_HAND: Partial<Record<Change['action'], string>> = {
  grant: "an import cannot change an existing user's role: change it on the Users page",
  revoke: "an import cannot change an existing user's role: change it on the Users page",
  update: 'an import cannot change an existing user: edit the user on the Users page',
  remove: 'an import cannot remove users: remove the user on the Users page',
};

interface PermissionSet {
  roles: string[];
  sites: string[];
  changes: Change[];
  rows: InviteRow[];
}

/**
 * One apply run on a Deepomatic organization: invitations go in one file per distinct permission set (role
 * and site accesses), since an import grants one set to every user in it. Expired invitations are simply
 * invited again. What an import cannot do fails with where to do it by hand.
 */
export class InviteRun {
  private readonly handover: FileHandover;

  constructor(private readonly options: InviteRunOptions) {
    this.handover = new FileHandover({
      ...options,
      importByHand:
        'Import each file with Invite users > Import CSV file, choosing the role and site accesses shown under it:',
      orderNote: ['the platform grants one permission set to every user of a file.'],
      orderTail: [
        'Then export the users again and run `rollcall plan`: users the import did not count as invited are',
        'planned again.',
        `Users export: ${displayPath(options.exportPath)}`,
      ],
      confirm: 'export the users again and run plan to confirm it',
    });
  }

  async *apply(changes: readonly Change[]): AsyncIterable<ChangeResult> {
    const sets = new Map<string, PermissionSet>();
    for (const c of changes) {
      const waiting = c.action === 'invite' ? pendingFor(this.options.pending, 'invite', c.key) : undefined;
      if (waiting) {
        yield stillPending(c, waiting, 'users export');
        continue;
      }
      const problem =
        c.action === 'invite' ? inviteProblem(c) : (BY_HAND[c.action] ?? 'not supported by Deepomatic');
      if (problem) {
        yield { change: c, status: 'failed', attempts: 1, error: problem };
        continue;
      }
      const roles = [...(c.roles ?? [])].sort();
      const sites = [...((c.after?.access as string[] | undefined) ?? [])].sort();
      const id = JSON.stringify([roles, sites]);
      const set = sets.get(id) ?? { roles, sites, changes: [], rows: [] };
      set.changes.push(c);
      set.rows.push({
        email: c.key,
        firstName: String(c.after!.firstName),
        lastName: String(c.after!.lastName),
        description: typeof c.after?.description === 'string' ? c.after.description : '',
      });
      sets.set(id, set);
    }
    for (const id of [...sets.keys()].sort()) yield* this.writeFile(sets.get(id)!);
  }

  private async *writeFile(set: PermissionSet): AsyncIterable<ChangeResult> {
    const handed = await this.handover.hand(
      {
        stem: `invite-${slug(set.roles)}${set.sites.length ? `-at-${slug(set.sites)}` : ''}`,
        extension: this.options.fileFormat,
        content: this.options.fileFormat === 'xlsx' ? await inviteXlsx(set.rows) : inviteCsv(set.rows),
        rows: set.rows.length,
        describes: `invite ${set.rows.length}`,
        settings: `Role: ${set.roles.join(', ')}; site accesses: ${set.sites.length ? set.sites.join(', ') : 'none'}`,
        env: { ROLLCALL_ROLES: set.roles.join(','), ROLLCALL_SITE_ACCESSES: set.sites.join(',') },
      },
      set.changes,
    );
    yield* handed.results;
  }
}

/** Why an invitation cannot go in a file: the platform needs an address, both names and a role. */
function inviteProblem(c: Change): string | undefined {
  if (!isEmail(c.key)) return `Deepomatic invites by e-mail address; "${c.key}" is not one`;
  const missing = (['firstName', 'lastName'] as const).filter(
    (f) => typeof c.after?.[f] !== 'string' || (c.after[f] as string).trim() === '',
  );
  if (missing.length)
    return `Deepomatic needs a first and a last name to invite; set ${missing.join(' and ')} for ${c.key}`;
  if (!c.roles?.length) return `Deepomatic needs a role to invite; give ${c.key} one (roles)`;
  return undefined;
}

function slug(values: readonly string[]): string {
  const s = values
    .join('+')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || 'none';
}
