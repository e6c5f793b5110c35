import type { Blocked, BlockReason, ChangeAction, FieldValues } from '../model/plan.js';

/** A change before it has a phase: what the diff wants, before safety, seats and ordering. */
export interface Draft {
  action: ChangeAction;
  key: string;
  roles?: string[];
  before?: FieldValues;
  after?: FieldValues;
  options?: { notify?: boolean; passport?: boolean; force?: boolean };
  reason?: string;
  /** For offboarding: the lifecycle step (1 remove, 2 pseudonymize, 3 delete). */
  step?: number;
}

/** Changes kept and changes blocked, as the rules pass over them. */
export interface Drafts {
  changes: Draft[];
  blocked: Blocked[];
}

export function block(d: Draft, reason: BlockReason, message: string, roles?: readonly string[]): Blocked {
  const b: Blocked = { action: d.action, key: d.key, reason, message };
  const r = roles ?? d.roles;
  if (r && r.length > 0) b.roles = [...r];
  return b;
}

export const ACTION_ORDER: Record<ChangeAction, number> = {
  remove: 0,
  revoke: 1,
  pseudonymize: 2,
  delete: 3,
  update: 4,
  grant: 5,
  invite: 6,
};

export function compareDrafts(a: Draft, b: Draft): number {
  return ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function compareBlocked(a: Blocked, b: Blocked): number {
  return (
    ACTION_ORDER[a.action] - ACTION_ORDER[b.action] ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
    (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)
  );
}
