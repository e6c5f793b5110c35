import type { z } from 'zod';
import type { Config, Target } from '../config/load.js';
import type { Capabilities } from '../model/capabilities.js';
import type { ActualState, DesiredMember } from '../model/member.js';
import type { Change, Notice } from '../model/plan.js';

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
  /**
   * Lines for the person running rollcall (files written, uploads), shown by the CLI on stderr and by the
   * Action in its log; providers never write to the process's streams themselves.
   */
  log: (line: string) => void;
}

/** One adapter per platform (design §5). */
export interface Provider {
  readonly capabilities: Capabilities;
  /** Members (with status), seat pools, the acting identity. */
  read(signal?: AbortSignal): Promise<ActualState>;
  /** Carries out the changes of one phase, one result per change. */
  apply(changes: readonly Change[], ctx: ApplyContext): AsyncIterable<ChangeResult>;
  /**
   * Matches the files' identities to the platform's before planning (GitHub: logins to numeric ids), after
   * `read`. Throws ValidationError with located problems; returns the desired members by their final keys
   * and notices for the plan (a renamed login).
   */
  reconcile?(
    desired: ReadonlyMap<string, DesiredMember>,
    actual: ActualState,
    signal?: AbortSignal,
  ): Promise<{
    desired: ReadonlyMap<string, DesiredMember>;
    notices: Notice[];
    /** The actual state to plan against, when the provider adds to it (a seat pool); its digest stays the read's. */
    actual?: ActualState;
  }>;
  /** Takes the target for one apply run, so that two runs cannot interleave; returns the release. */
  lock?(): Promise<() => Promise<void>>;
  /** Reads (GETs) retried after transient failures so far: reads are not changes, the report counts them apart. */
  readRetries?(): number;
}

/** What each provider folder's index.ts exports. */
/** What a provider is given when it is made: where it says what it found while reading (never stderr). */
export interface ProviderContext {
  log: (line: string) => void;
}

/**
 * What `validate` checks of a target's `connection` without creating its provider: the schema, then the
 * provider's own offline rules (its settings function throws ConfigError as `plan` would).
 */
export interface ConnectionRules {
  schema: z.ZodType;
  settings(target: Target, config: Config): unknown;
}

export interface ProviderModule {
  createProvider(target: Target, config: Config, context: ProviderContext): Provider;
  connection: ConnectionRules;
}
