import type { Config, Target } from '../../config/load.js';
import type { Capabilities } from '../../model/capabilities.js';
import { ProviderError } from '../../model/errors.js';
import type { ActualState, DesiredMember } from '../../model/member.js';
import type { Change, Notice } from '../../model/plan.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider } from '../types.js';
import { actualState } from './actual.js';
import { applyChange } from './apply.js';
import { type GitHubClientOptions, gitHubClient } from './client.js';
import { ReadFailure, readOrg } from './read.js';
import { reconcile } from './reconcile.js';
import { GitHubConnection, type GitHubSettings, gitHubSettings } from './settings.js';
import type { OrgSnapshot } from './snapshot.js';

export interface GitHubProviderOptions extends GitHubClientOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** The clock for the 24-hour invitation window. */
  now?: () => number;
}

/** What `validate` checks of the connection without the network (providers/connection-check.ts). */
export const connection: ConnectionRules = {
  schema: GitHubConnection,
  settings: (target) => gitHubSettings(target),
};

export function createProvider(
  target: Target,
  _config: Config,
  options: GitHubProviderOptions = {},
): Provider {
  return new GitHubProvider(target, options);
}

const CAPABILITIES: Capabilities = {
  pseudonymize: false,
  hardDelete: false,
  lockedLicenses: false,
  updatableFields: ['admin'],
  unsupportedActions: {
    pseudonymize:
      'GitHub accounts belong to their users: an organization can only remove a member, not pseudonymize the account',
    delete:
      'GitHub accounts belong to their users: an organization can only remove a member, not delete the account',
  },
  batchOnly: false,
  concurrency: 1,
  minWriteIntervalMs: 1000,
};

/**
 * A GitHub organization (design §5.2): members keyed by numeric user id, owners as admins, teams as
 * roles, pending invitations as invited. Reads refuse to return a partial organization.
 */
export class GitHubProvider implements Provider {
  readonly settings: GitHubSettings;
  readonly capabilities: Capabilities;
  private readonly gh;
  private snapshot: OrgSnapshot | undefined;
  /** Requests of the last read and its reconcile (for the bench). */
  lastReadRequests = 0;

  constructor(
    target: Target,
    private readonly options: GitHubProviderOptions = {},
  ) {
    this.settings = gitHubSettings(target, options.env);
    this.gh = gitHubClient(this.settings, options);
    // Always 1 s for the executor (whose sleep tests replace); writeIntervalMs only paces the client.
    this.capabilities = CAPABILITIES;
    this.target = target.name;
  }
  private readonly target: string;

  async read(_signal?: AbortSignal): Promise<ActualState> {
    const { org } = this.settings;
    try {
      const opts: { now: number; inviteLimit?: number } = { now: (this.options.now ?? Date.now)() };
      if (this.settings.inviteLimit !== undefined) opts.inviteLimit = this.settings.inviteLimit;
      this.snapshot = await readOrg(this.gh, org, opts);
    } catch (e) {
      if (e instanceof ReadFailure)
        throw new ProviderError(
          `cannot read the GitHub organization ${org} (${e.message}); rollcall makes no plan from a partial read, since the members it missed would be planned as new: try again later`,
        );
      throw e;
    }
    this.lastReadRequests = this.snapshot.requests;
    return actualState(this.snapshot);
  }

  async reconcile(
    desired: ReadonlyMap<string, DesiredMember>,
    actual: ActualState,
  ): Promise<{ desired: ReadonlyMap<string, DesiredMember>; notices: Notice[]; actual?: ActualState }> {
    if (!this.snapshot) await this.read();
    const r = await reconcile(this.gh, this.settings.org, this.snapshot!, desired, actual, this.target);
    this.lastReadRequests += r.lookups;
    const notices = [...r.notices, ...failedInvitationNotices(this.snapshot!, r.desired)];
    return r.actual ? { desired: r.desired, notices, actual: r.actual } : { desired: r.desired, notices };
  }

  async *apply(changes: readonly Change[], _ctx: ApplyContext): AsyncIterable<ChangeResult> {
    if (!this.snapshot) await this.read();
    for (const c of changes) yield await applyChange(this.gh, this.settings.org, this.snapshot!, c);
  }
}

/** Failed or expired invitations of desired members: the plan invites them again. */
function failedInvitationNotices(s: OrgSnapshot, desired: ReadonlyMap<string, DesiredMember>): Notice[] {
  const wanted = new Map<string, string>();
  for (const d of desired.values()) {
    if (d.github) wanted.set(d.github.toLowerCase(), d.key);
    if (d.email) wanted.set(d.email.toLowerCase(), d.key);
  }
  const out: Notice[] = [];
  for (const f of s.failed) {
    const key = wanted.get((f.login ?? f.email ?? '').toLowerCase());
    if (key === undefined || s.members.has(Number(key)) || out.some((n) => n.key === key)) continue;
    if (s.invitations.some((i) => String(i.inviteeId) === key)) continue;
    out.push({
      kind: 'invitation-failed',
      key,
      message: `the invitation of ${f.login ?? f.email} failed (${f.reason}); it is sent again`,
    });
  }
  return out;
}
