import type { Config, Target } from '../../config/load.js';
import type { Capabilities } from '../../model/capabilities.js';
import type { ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { forEachLimited } from '../../util/pool.js';
import type { Uploader } from '../../util/upload-command.js';
import { authAndUrl, ScimProvider } from '../scim/index.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider } from '../types.js';
import { ANAPLAN_PAGE_SIZE, Connection, modelImportSettings, parseAnaplanConnection } from './connection.js';
import { ModelImport } from './model-import.js';
import {
  MODEL_FIELDS,
  type ModelPart,
  type ModelRoleWriter,
  NO_MODEL_ROLE_WRITER,
  splitChange,
  splitRoles,
} from './model-roles.js';
import { WorkspaceEntitlements } from './workspaces.js';

export { ANAPLAN_PAGE_SIZE } from './connection.js';
export const ANAPLAN_SCIM_PATH = '/scim/1/0/v2';

/** What `validate` checks of the connection without the network (providers/connection-check.ts). */
export const connection: ConnectionRules = {
  schema: Connection,
  settings: (target, config) => {
    const c = parseAnaplanConnection(target);
    authAndUrl(target, c);
    return modelImportSettings(c, target, config);
  },
};

export function createProvider(target: Target, config: Config): Provider {
  return createAnaplanProvider(target, config);
}

/** What an embedder (or a test) may bring instead of the configured ones. */
export interface AnaplanOverrides {
  /** Hands each import file to the platform (default: `connection.model.upload`, if any). */
  upload?: Uploader;
}

export function createAnaplanProvider(
  target: Target,
  config: Config,
  overrides: AnaplanOverrides = {},
): AnaplanProvider {
  const c = parseAnaplanConnection(target);
  const { auth, url } = authAndUrl(target, c);
  const model = modelImportSettings(c, target, config);
  if (model && overrides.upload) model.upload = overrides.upload;
  const writer = model
    ? new ModelImport(
        target.name,
        model,
        (role) => target.catalog.has(role) && !Object.hasOwn(c.workspaces, role),
      )
    : undefined;
  return new AnaplanProvider(
    {
      url,
      auth,
      workspaces: c.workspaces,
      bulk: c.bulk,
      concurrency: c.concurrency,
      timeoutMs: c.timeoutMs,
      pageSize: c.pageSize,
    },
    writer,
  );
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
 * `unsupported`, so offboarding stops at deactivation. Model roles, selective access and SSO, which SCIM
 * does not carry, go to a ModelRoleWriter (the model's user import file; see splitChange for which part
 * of a change goes where); with one, the model's users export adds them to what `read` reports, the
 * planner may update `sso` and `access`, and a phase is applied as one batch: its SCIM part first, then
 * one import file for the rest.
 */
export class AnaplanProvider implements Provider {
  readonly scim: ScimProvider;
  private readonly workspaces: WorkspaceEntitlements;
  /** SCIM parts done in this process: a change tried again (its upload failed for now) is not sent twice. */
  private readonly scimDone = new WeakMap<Change, ChangeResult>();

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
    // "To add a new user, the import must include an email address, their first name, and their last name."
    const scim: Capabilities = {
      ...this.scim.capabilities,
      inviteNeedsEmail: true,
      // Workspace access and the model role are different things: one model role per model.
      exclusiveRole: {
        is: (role) => !this.workspaces.isWorkspace(role),
        message: (key, roles) =>
          `Anaplan gives a user one role per model; ${key} would have ${roles.length} (${roles.join(', ')}): keep one`,
      },
    };
    if (!this.modelRoles) return scim;
    return {
      ...scim,
      updatableFields: [...scim.updatableFields, ...MODEL_FIELDS],
      batchOnly: true,
      cannotClear: {
        access: (key) =>
          `the import file cannot clear selective access (an empty cell leaves it as it is): clear it for ${key} in the model's Users pane`,
      },
    };
  }

  /** SCIM's users and workspaces, with each user's model role, selective access and SSO from the model. */
  readRetries(): number {
    return this.scim.readRetries();
  }

  async read(signal?: AbortSignal): Promise<ActualState> {
    const actual = await this.scim.read(signal);
    // "If a user already has an account, the import file must include their email address or their user
    // ID": the user ID (the SCIM id) is an identity the files may name a user by.
    for (const m of actual.members) {
      const id = this.scim.scimId(m.key);
      if (id && id !== m.key) m.id = id;
    }
    if (!this.modelRoles) return actual;
    const users = await this.modelRoles.read(signal);
    for (const m of actual.members) {
      const u = users.get(m.key) ?? (m.email ? users.get(m.email) : undefined);
      if (!u) continue; // not in the model: No Access, selective access and SSO unknown
      if (u.role !== undefined && !m.roles.includes(u.role)) m.roles = [...m.roles, u.role].sort();
      m.access = [...u.access];
      if (u.sso !== undefined) m.sso = u.sso;
    }
    return actual;
  }

  apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult> {
    return this.modelRoles
      ? this.applyWithModel(changes, this.modelRoles, ctx)
      : this.applyWithoutModel(changes, ctx);
  }

  private async *applyWithModel(
    changes: readonly Change[],
    writer: ModelRoleWriter,
    ctx: ApplyContext,
  ): AsyncIterable<ChangeResult> {
    const split = changes.map((change) => ({
      change,
      ...splitChange(change, (r) => this.workspaces.isWorkspace(r)),
    }));
    const toScim = split.filter((s) => s.scim && !this.scimDone.has(s.change)).map((s) => s.scim!);
    const scimResults = await this.scimInPool(toScim, ctx);
    const results = new Map<Change, ChangeResult>();
    const parts: ModelPart[] = [];
    for (const s of split) {
      const r = s.scim ? (this.scimDone.get(s.change) ?? scimResults.get(s.scim)) : undefined;
      if (r && r.status !== 'succeeded') results.set(s.change, { ...r, change: s.change });
      else {
        if (r) this.scimDone.set(s.change, r);
        if (s.model) parts.push(s.model);
        else results.set(s.change, { ...r!, change: s.change });
      }
    }
    const withScim = new Set(split.filter((s) => s.scim).map((s) => s.change));
    for (const m of await this.modelResults(writer, parts, ctx)) {
      const scimPart = withScim.has(m.change);
      results.set(
        m.change,
        scimPart && m.status !== 'succeeded' ? { ...m, error: `SCIM part done; ${m.error}` } : m,
      );
    }
    for (const c of changes) yield results.get(c)!;
  }

  /** The writer's results; an error it throws (an unreadable export after an upload) fails its parts only. */
  private async modelResults(
    writer: ModelRoleWriter,
    parts: ModelPart[],
    ctx: ApplyContext,
  ): Promise<ChangeResult[]> {
    if (parts.length === 0) return [];
    try {
      return await writer.apply(parts, ctx);
    } catch (e) {
      if (ctx.signal?.aborted) throw e;
      const error = (e as Error).message.split('\n')[0]!;
      return parts.map((p) => ({ change: p.change, status: 'failed', attempts: 1, error }));
    }
  }

  /** SCIM changes with the service's concurrency (the executor hands over a whole phase at once). */
  private async scimInPool(changes: Change[], ctx: ApplyContext): Promise<Map<Change, ChangeResult>> {
    const out = new Map<Change, ChangeResult>();
    await forEachLimited(changes, this.scim.capabilities.concurrency, async (c) => {
      for await (const r of this.scim.apply([c], ctx)) out.set(c, r);
    });
    return out;
  }

  /** No model configured: workspaces and users over SCIM; a model role fails, saying how to manage it. */
  private async *applyWithoutModel(
    changes: readonly Change[],
    ctx: ApplyContext,
  ): AsyncIterable<ChangeResult> {
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
        error: `${done}${s.model.map((m) => `"${m}"`).join(', ')}: ${NO_MODEL_ROLE_WRITER}`,
      };
    }
  }
}
