import type { Config, Target } from '../config/load.js';
import { type ActualState, MANAGED_FIELDS, type ManagedField } from '../model/member.js';
import type { Change, ChangeAction } from '../model/plan.js';

/** What a platform can do; the planner blocks what it cannot (`unsupported`), the executor paces writes. */
export interface Capabilities {
  /** Invited members wait in a pending state until they accept. */
  invitations: boolean;
  /** `remove` keeps the account in a removed state (else removal is final for the platform). */
  softRemove: boolean;
  pseudonymize: boolean;
  hardDelete: boolean;
  /** Licenses per role are counted ("Used: 81/200"). */
  seatPools: boolean;
  /** Roles can be locked after use and then cannot be revoked; holders cannot be removed. */
  lockedLicenses: boolean;
  /** Fields the platform lets an administrator change in place. */
  updatableFields: readonly ManagedField[];
  /** Fields a new member must have to be invited (Deepomatic, Anaplan: first and last name). */
  inviteNeeds?: readonly ManagedField[];
  /** Actions this platform cannot carry out, each with a sentence saying why and where to do it by hand. */
  unsupportedActions?: Partial<Record<ChangeAction, string>>;
  /** Changes go in one import file per phase, processed as an asynchronous job. */
  batchOnly: boolean;
  /** Every member of one batch gets the same permission set (Deepomatic). */
  uniformPermissionsPerBatch: boolean;
  maxBatchSize?: number;
  /** Changes the executor may run at once inside a phase. */
  concurrency: number;
  /** Minimum time between two writes (GitHub: 1 s). */
  minWriteIntervalMs: number;
}

/**
 * `deferred`: accepted for a later apply, not a failure — the platform must first show an earlier step
 * done (3DEXPERIENCE pseudonymizes only members its export shows removed). `skipped`: not attempted
 * because an earlier step for the same member failed.
 */
export type ChangeStatus = 'succeeded' | 'failed' | 'skipped' | 'deferred';

export interface ChangeResult {
  change: Change;
  status: ChangeStatus;
  /** One line, never a secret. */
  error?: string;
  attempts: number;
  /** A transient failure: worth another try. */
  transient?: boolean;
  retryAfterMs?: number;
}

export interface ApplyContext {
  runId: string;
  signal?: AbortSignal;
}

/** One adapter per platform (design §5). */
export interface Provider {
  readonly capabilities: Capabilities;
  /** Members (with status), seat pools, the acting identity. */
  read(signal?: AbortSignal): Promise<ActualState>;
  /** Carries out the changes of one phase, one result per change. */
  apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult>;
  /** Takes the target for one apply run, so that two runs cannot interleave; returns the release. */
  lock?(): Promise<() => Promise<void>>;
  /** Reads (GETs) retried after transient failures so far: reads are not changes, the report counts them apart. */
  readRetries?(): number;
}

/** What each provider folder's index.ts exports. */
export interface ProviderModule {
  createProvider(target: Target, config: Config): Provider;
}

/** Every managed field: for platforms that let an administrator change all of them. */
export const ALL_FIELDS: readonly ManagedField[] = MANAGED_FIELDS;
