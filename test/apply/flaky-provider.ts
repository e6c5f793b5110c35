import type { Capabilities } from '../../src/model/capabilities.js';
import type { ActualState } from '../../src/model/member.js';
import type { Change } from '../../src/model/plan.js';
import { PlatformState } from '../../src/model/transition.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import type { ApplyContext, ChangeResult, Provider } from '../../src/providers/types.js';

/** What the platform does to a key's change: fail transiently n times, fail for good, or answer slowly. */
export type Fault =
  | { kind: 'transient'; times: number; retryAfterMs?: number }
  | { kind: 'throw'; times: number }
  | { kind: 'permanent'; message?: string }
  | { kind: 'slow'; ms: number };

/** A provider over the local platform model that fails on command, and records every call it gets. */
export class FlakyProvider implements Provider {
  readonly platform: PlatformState;
  readonly calls: { keys: string[]; at: number }[] = [];
  readonly applied: Change[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly seen = new Map<string, number>();

  constructor(
    state: ActualState,
    readonly faults: Record<string, Fault> = {},
    readonly capabilities: Capabilities = LOCAL_CAPABILITIES,
    private readonly clock: () => number = Date.now,
  ) {
    this.platform = new PlatformState(state);
  }

  async read(): Promise<ActualState> {
    return this.platform.snapshot();
  }

  async *apply(changes: readonly Change[], _ctx: ApplyContext): AsyncIterable<ChangeResult> {
    this.calls.push({ keys: changes.map((c) => c.key), at: this.clock() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      for (const change of changes) {
        const fault = this.faults[change.key];
        const n = (this.seen.get(change.key) ?? 0) + 1;
        this.seen.set(change.key, n);
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms));
        if (fault?.kind === 'throw' && n <= fault.times)
          throw Object.assign(new Error('socket hang up'), { transient: true });
        if (fault?.kind === 'transient' && n <= fault.times) {
          yield {
            change,
            status: 'failed',
            attempts: 1,
            transient: true,
            retryAfterMs: fault.retryAfterMs,
            error: 'HTTP 503 Service Unavailable',
          };
          continue;
        }
        if (fault?.kind === 'permanent') {
          yield { change, status: 'failed', attempts: 1, error: fault.message ?? 'HTTP 400 Bad Request' };
          continue;
        }
        const refusal = this.platform.apply(change);
        if (refusal) yield { change, status: 'failed', attempts: 1, error: refusal };
        else {
          this.applied.push(change);
          yield { change, status: 'succeeded', attempts: 1 };
        }
      }
    } finally {
      this.inFlight--;
    }
  }
}
