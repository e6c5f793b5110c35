import type { Config, Target } from '../../config/load.js';
import type { Capabilities } from '../../model/capabilities.js';
import { ProviderError } from '../../model/errors.js';
import type { ActualState, ManagedField } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import type { ApplyContext, ChangeResult, ConnectionRules, Provider } from '../types.js';
import { BulkQueue } from './bulk.js';
import { BULK_IN_FLIGHT } from './bulk-outcome.js';
import { ScimClient } from './client.js';
import { ScimError } from './errors.js';
import { buildJob, type JobContext } from './jobs.js';
import { SCIM_FIELDS } from './map.js';
import { pageSize, readDirectory, wantedPageSize } from './read.js';
import type { RoleAdapter } from './roles.js';
import { JobRunner } from './runner.js';
import { MINIMAL_SERVICE, readServiceConfig, type ServiceConfig } from './service-config.js';
import { ScimConnection, type ScimSettings, scimSettings } from './settings.js';

/** What providers built on SCIM (Anaplan) use: this folder's public surface; its other files are its own. */
export type { Outcome, RoleAdapter } from './roles.js';
export { filterString, type PatchOperation } from './schema-ids.js';
export { authAndUrl, SCIM_CONNECTION_FIELDS } from './settings.js';

/** What a particular service adds to plain SCIM (Anaplan: its base path, no DELETE, entitlements). */
export interface ScimProfile {
  /** Appended to the connection URL. */
  basePath?: string;
  /** The service returns at most this many resources per page. */
  maxPageSize?: number;
  /** The service accepts DELETE /Users/{id}. */
  deletes: boolean;
  /** Personal attributes can be removed (pseudonymize). */
  pseudonymize: boolean;
  /** Roles live on the user (entitlements) instead of /Groups. */
  roles?: RoleAdapter;
  /** Fields a new user must have (Anaplan: first and last name). */
  inviteNeeds?: readonly ManagedField[];
}

export const GENERIC_SCIM: ScimProfile = { deletes: true, pseudonymize: true };

/** What `validate` checks of the connection without the network (providers/connection-check.ts). */
export const connection: ConnectionRules = {
  schema: ScimConnection,
  settings: (target) => scimSettings(target),
};

export function createProvider(target: Target, _config: Config): Provider {
  return new ScimProvider(scimSettings(target), GENERIC_SCIM);
}

/**
 * Any SCIM 2.0 service (RFC 7643/7644). `read` learns what the service supports from
 * /ServiceProviderConfig, then pages through /Users and /Groups; `apply` turns each change into PATCHes
 * of only what changed (POST to invite, `active: false` to remove, DELETE where allowed), through /Bulk
 * when the service offers it and per request otherwise. Failures come back as results — transient ones
 * (network, timeout, 429, 5xx, with Retry-After) for the executor to retry.
 */
export class ScimProvider implements Provider {
  readonly client: ScimClient;
  private service: ServiceConfig = MINIMAL_SERVICE;
  private queue: BulkQueue | undefined;
  private ctx: JobContext | undefined;
  private runner: JobRunner | undefined;

  constructor(
    readonly settings: ScimSettings,
    readonly profile: ScimProfile,
    fetchImpl?: typeof fetch,
  ) {
    const base = settings.url.replace(/\/+$/, '') + (profile.basePath ?? '');
    this.client = new ScimClient(base, settings.auth, settings.timeoutMs, fetchImpl);
  }

  get capabilities(): Capabilities {
    const bulk = this.queue !== undefined;
    return {
      pseudonymize: this.profile.pseudonymize,
      hardDelete: this.profile.deletes && this.settings.hardDelete,
      lockedLicenses: false,
      updatableFields: SCIM_FIELDS,
      inviteNeeds: this.profile.inviteNeeds,
      // With Bulk: the whole phase in one call (journaled first), packed into Bulk requests here.
      batchOnly: bulk,
      concurrency: this.settings.concurrency,
      minWriteIntervalMs: 0,
    };
  }

  /** The service's `id` of the user read under `key`, once read. */
  scimId(key: string): string | undefined {
    return this.ctx?.dir.users.get(key)?.id;
  }

  readRetries(): number {
    return this.client.readRetries;
  }

  /** Bulk requests sent so far (also counted in client.requests). */
  get bulkRequests(): number {
    return this.queue?.requests ?? 0;
  }

  async read(signal?: AbortSignal): Promise<ActualState> {
    try {
      return await this.readService(signal);
    } catch (e) {
      // Unreachable, refused credentials, a wrong URL: the user's to fix, not an internal error.
      if (e instanceof ScimError)
        throw new ProviderError(`${this.client.baseUrl}: cannot read the SCIM service: ${e.message}`);
      throw e;
    }
  }

  private async readService(signal?: AbortSignal): Promise<ActualState> {
    this.service = await readServiceConfig(this.client, signal);
    if (!this.service.patch)
      throw new ProviderError(
        `${this.client.baseUrl}: this SCIM service does not support PATCH (ServiceProviderConfig), which rollcall needs`,
      );
    const size = pageSize(
      Math.min(wantedPageSize(this.settings.pageSize, this.service), this.profile.maxPageSize ?? Infinity),
      this.service,
    );
    const { directory, actual } = await readDirectory(this.client, this.service, {
      pageSize: size,
      match: this.settings.match,
      roles: this.profile.roles,
      canPseudonymize: this.profile.pseudonymize,
      signal,
    });
    this.ctx = {
      dir: directory,
      match: this.settings.match,
      roles: this.profile.roles,
      etag: this.service.etag,
      hardDelete: this.profile.deletes && this.settings.hardDelete,
      removeGroupsOnOffboard: this.settings.removeGroupsOnOffboard === true,
    };
    this.runner = new JobRunner(this.client, this.ctx, this.service, size);
    this.queue =
      this.settings.bulk && this.service.bulk.supported
        ? new BulkQueue(this.client, this.runner, {
            maxOperations: this.service.bulk.maxOperations,
            maxPayloadSize: this.service.bulk.maxPayloadSize,
            parallel: BULK_IN_FLIGHT,
          })
        : undefined;
    return actual;
  }

  async *apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult> {
    // A Bulk request that got no answer may have been carried out: read the service before sending again.
    if (!this.ctx || this.queue?.unknownOutcome) await this.read(ctx.signal);
    const results = await Promise.all(changes.map((c) => this.one(c, ctx.signal)));
    yield* results;
  }

  private async one(change: Change, signal?: AbortSignal): Promise<ChangeResult> {
    const built = buildJob(change, this.ctx!);
    if ('error' in built) return { change, status: 'failed', attempts: 1, error: built.error };
    try {
      if (this.queue) await this.queue.submit(built.job, signal);
      else await this.runner!.run(built.job, signal);
      return { change, status: 'succeeded', attempts: 1 };
    } catch (e) {
      if (signal?.aborted) throw e;
      if (e instanceof ScimError) {
        const r: ChangeResult = {
          change,
          status: 'failed',
          attempts: 1,
          error: e.message,
          transient: e.transient,
        };
        if (e.retryAfterMs !== undefined) r.retryAfterMs = e.retryAfterMs;
        return r;
      }
      throw e;
    }
  }
}
