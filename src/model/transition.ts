import { isPresent } from './lifecycle.js';
import type { ActualMember, ActualState } from './member.js';
import type { Change } from './plan.js';

/**
 * The local platform's rules, as a pure state machine: what one change does to the state, or why the
 * platform refuses it. Seats and locked licenses are enforced as 3DEXPERIENCE does, so tests can see the
 * planner and the platform agree.
 */
export class PlatformState {
  readonly members: Map<string, ActualMember>;
  private readonly used = new Map<string, number>();
  /** Members this state made or copied, which it may change; the others are the given state's (copy on write). */
  private readonly own = new Set<ActualMember>();

  constructor(readonly state: Readonly<ActualState>) {
    this.members = new Map(state.members.map((m) => [m.key, m]));
    for (const m of this.members.values()) if (present(m)) for (const r of m.roles) this.count(r, 1);
  }

  /** The member, as this state's own copy before it changes (a million members are not copied for a few). */
  private mine(m: ActualMember): ActualMember {
    if (this.own.has(m)) return m;
    const copy = { ...m, roles: [...m.roles], lockedRoles: [...m.lockedRoles] };
    this.own.add(copy);
    this.members.set(copy.key, copy);
    return copy;
  }

  private count(role: string, n: number): void {
    this.used.set(role, (this.used.get(role) ?? 0) + n);
  }

  private seatProblem(roles: readonly string[]): string | undefined {
    const short = roles.filter((r) => {
      const total = this.state.seats[r];
      return total !== undefined && (this.used.get(r) ?? 0) + 1 > total;
    });
    return short.length ? `no seats left for ${short.join(', ')}` : undefined;
  }

  /** Applies a change; returns the platform's refusal, or undefined when done. */
  apply(change: Change): string | undefined {
    const found = this.members.get(change.key);
    const m = found && change.action !== 'invite' && change.action !== 'delete' ? this.mine(found) : found;
    switch (change.action) {
      case 'invite': {
        if (m && present(m)) return `${change.key} is already a member`;
        const roles = [...new Set(change.roles ?? [])].sort();
        const problem = this.seatProblem(roles);
        if (problem) return problem;
        const next: ActualMember = {
          key: change.key,
          status: 'invited',
          admin: false,
          external: false,
          roles,
          lockedRoles: [],
        };
        if (change.key.includes('@')) next.email = change.key;
        Object.assign(next, change.after ?? {});
        this.own.add(next);
        this.members.set(change.key, next);
        for (const r of roles) this.count(r, 1);
        return undefined;
      }
      case 'update': {
        if (!m || !present(m)) return `${change.key} is not a member`;
        Object.assign(m, change.after ?? {});
        return undefined;
      }
      case 'grant': {
        if (!m || !present(m)) return `${change.key} is not a member`;
        const add = (change.roles ?? []).filter((r) => !m.roles.includes(r));
        const problem = this.seatProblem(add);
        if (problem) return problem;
        m.roles = [...m.roles, ...add].sort();
        for (const r of add) this.count(r, 1);
        return undefined;
      }
      case 'revoke': {
        if (!m || !present(m)) return `${change.key} is not a member`;
        const locked = (change.roles ?? []).filter((r) => m.lockedRoles.includes(r));
        if (locked.length) return `license ${locked.join(', ')} is locked`;
        const drop = (change.roles ?? []).filter((r) => m.roles.includes(r));
        m.roles = m.roles.filter((r) => !drop.includes(r));
        for (const r of drop) this.count(r, -1);
        return undefined;
      }
      case 'remove': {
        if (!m || !present(m)) return `${change.key} is not a member`;
        if (m.lockedRoles.length) return `${change.key} holds locked licenses ${m.lockedRoles.join(', ')}`;
        for (const r of m.roles) this.count(r, -1);
        m.status = 'removed';
        m.roles = [];
        return undefined;
      }
      case 'pseudonymize': {
        if (m?.status !== 'removed')
          return `only removed members can be pseudonymized (${change.key} is ${m?.status ?? 'absent'})`;
        m.status = 'pseudonymized';
        delete m.firstName;
        delete m.lastName;
        delete m.description;
        return undefined;
      }
      case 'delete': {
        if (m?.status !== 'pseudonymized')
          return `only pseudonymized members can be deleted (${change.key} is ${m?.status ?? 'absent'})`;
        this.members.delete(change.key);
        return undefined;
      }
    }
  }

  snapshot(): ActualState {
    const out: ActualState = { seats: { ...this.state.seats }, members: [...this.members.values()] };
    if (this.state.self !== undefined) out.self = this.state.self;
    return out;
  }
}

function present(m: ActualMember): boolean {
  return isPresent(m.status);
}
