import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { parseConnection } from '../connection.js';
import { ScimProvider } from '../scim/index.js';
import { authAndUrl, SCIM_CONNECTION_FIELDS } from '../scim/settings.js';
import type { ApplyContext, Capabilities, ChangeResult, Provider } from '../types.js';
import { type ModelRoleWriter, NO_MODEL_ROLE_WRITER, splitRoles } from './model-roles.js';
import { WorkspaceEntitlements } from './workspaces.js';

export const ANAPLAN_SCIM_PATH = '/scim/1/0/v2';
/** Anaplan returns at most 100 users per page. */
export const ANAPLAN_PAGE_SIZE = 100;

const Connection = z.strictObject({
  url: z
    .string()
    .min(1)
    .default('https://api.anaplan.com')
    .describe('Anaplan API origin; /scim/1/0/v2 is added'),
  workspaces: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe('Workspace roles: name used in members files → Anaplan workspace id'),
  ...SCIM_CONNECTION_FIELDS,
  pageSize: z.number().int().min(1).max(ANAPLAN_PAGE_SIZE).default(ANAPLAN_PAGE_SIZE),
});

export function createProvider(target: Target, _config: Config): Provider {
  const c = parseConnection(Connection, target);
  const { auth, url } = authAndUrl(target, c);
  return new AnaplanProvider({
    url,
    auth,
    workspaces: c.workspaces,
    bulk: c.bulk,
    concurrency: c.concurrency,
    timeoutMs: c.timeoutMs,
    pageSize: c.pageSize,
  });
}

export interface AnaplanSettings {
  url: string;
  auth: ConstructorParameters<typeof ScimProvider>[0]['auth'];
  workspaces: Record<string, string>;
  bulk: boolean;
  concurrency: number;
  timeoutMs: number;
  pageSize: number;
}

/**
 * Anaplan users over its SCIM API: members matched by userName (the login e-mail), workspace access as
 * WORKSPACE entitlements, no DELETE — the capabilities say so, and the planner blocks deletions as
 * `unsupported`, so offboarding stops at deactivation. Model roles go to a ModelRoleWriter (the import
 * file), when one is given.
 */
export class AnaplanProvider implements Provider {
  readonly scim: ScimProvider;
  private readonly workspaces: WorkspaceEntitlements;

  constructor(
    settings: AnaplanSettings,
    private readonly modelRoles?: ModelRoleWriter,
    fetchImpl?: typeof fetch,
  ) {
    this.workspaces = new WorkspaceEntitlements(settings.workspaces);
    this.scim = new ScimProvider(
      { ...settings, match: 'userName', hardDelete: false },
      {
        basePath: ANAPLAN_SCIM_PATH,
        maxPageSize: ANAPLAN_PAGE_SIZE,
        deletes: false,
        pseudonymize: false,
        roles: this.workspaces,
        // "To add a new user, the import must include an email address, their first name, and their last name."
        inviteNeeds: ['firstName', 'lastName'],
      },
      fetchImpl,
    );
  }

  get capabilities(): Capabilities {
    return this.scim.capabilities;
  }

  read(signal?: AbortSignal): Promise<ActualState> {
    return this.scim.read(signal);
  }

  async *apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult> {
    const split = changes.map((c) => ({
      original: c,
      ...splitRoles(c, (r) => this.workspaces.isWorkspace(r)),
    }));
    const scimResults = new Map<Change, ChangeResult>();
    const toScim = split.filter(
      (s) => s.model.length === 0 || (s.scim.roles?.length ?? 0) > 0 || s.scim.action === 'invite',
    );
    for await (const r of this.scim.apply(
      toScim.map((s) => s.scim),
      ctx,
    ))
      scimResults.set(r.change, r);
    for (const s of split) {
      const r = scimResults.get(s.scim);
      if (s.model.length === 0) {
        yield { ...r!, change: s.original };
        continue;
      }
      if (r && r.status !== 'succeeded') {
        yield { ...r, change: s.original };
        continue;
      }
      const done = r ? 'workspaces done; ' : '';
      yield {
        change: s.original,
        status: 'failed',
        attempts: 1,
        error: `${done}${s.model.map((m) => `"${m}"`).join(', ')}: ${this.modelRoles ? 'model roles go through the import file' : NO_MODEL_ROLE_WRITER}`,
      };
    }
  }
}
