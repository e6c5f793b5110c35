import { type Policy, Policy as PolicySchema } from '../../src/config/schema.js';
import type { Capabilities } from '../../src/model/capabilities.js';
import type { ActualMember, ActualState, DesiredMember } from '../../src/model/member.js';
import { planTarget } from '../../src/plan/plan.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';

export function want(key: string, extra: Partial<DesiredMember> = {}): DesiredMember {
  return { key, roles: [], state: 'active', source: { file: 'members.yaml', line: 1 }, ...extra };
}

export function have(key: string, extra: Partial<ActualMember> = {}): ActualMember {
  return { key, status: 'active', admin: false, external: false, roles: [], lockedRoles: [], ...extra };
}

export function policy(p: Partial<Policy> = {}): Policy {
  return { ...PolicySchema.parse({}), ...p };
}

export interface Scenario {
  desired?: DesiredMember[];
  actual?: ActualMember[];
  seats?: Record<string, number>;
  self?: string;
  policy?: Partial<Policy>;
  capabilities?: Partial<Capabilities>;
  inviteQuota?: number;
}

export function actualState(s: Scenario): ActualState {
  const state: ActualState = { seats: s.seats ?? {}, members: s.actual ?? [] };
  if (s.self) state.self = s.self;
  return state;
}

export function plan(s: Scenario) {
  return planTarget({
    name: 't',
    provider: 'local',
    policy: policy(s.policy),
    capabilities: { ...LOCAL_CAPABILITIES, ...s.capabilities },
    desired: new Map((s.desired ?? []).map((d) => [d.key, d])),
    actual: actualState(s),
    inviteQuota: s.inviteQuota,
  });
}

/** Changes as short strings, e.g. "1 remove bob@x", for readable assertions. */
export function brief(p: ReturnType<typeof plan>): string[] {
  return p.changes.map((c) => `${c.phase} ${c.action} ${c.key}${c.roles ? ` [${c.roles.join(',')}]` : ''}`);
}
