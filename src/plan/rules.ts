import type { Capabilities } from '../model/capabilities.js';
import { isEmail } from '../model/key.js';
import { isOffboarding, isPresent } from '../model/lifecycle.js';
import type { ActualMember } from '../model/member.js';
import type { BlockReason } from '../model/plan.js';
import type { Policy } from '../model/policy.js';
import { block, type Draft, type Drafts } from './draft.js';
import { importLimits } from './exclusive-roles.js';

export interface RuleContext {
  policy: Policy;
  capabilities: Capabilities;
  actual: ActualLookup;
  self?: string;
  isProtected(key: string): boolean;
  /** Invitations the platform still accepts now (GitHub's invitation quota), if limited. */
  inviteQuota?: number;
}

/** The actual members by key, as the planner's later steps read them (a Map will do). */
export interface ActualLookup {
  get(key: string): ActualMember | undefined;
  /** Each member once; of members with the same key, the last. */
  values(): Iterable<ActualMember>;
}

/** One named safety rule: keeps, narrows or blocks drafts. Rules run in the order of PLAN_RULES. */
export type PlanRule = (drafts: Drafts, ctx: RuleContext) => void;

/** Keeps each draft `fn` returns; `fn` may push blocked items. */
function narrow(drafts: Drafts, fn: (d: Draft) => Draft | undefined): void {
  const kept: Draft[] = [];
  for (const d of drafts.changes) {
    const r = fn(d);
    if (r) kept.push(r);
  }
  drafts.changes = kept;
}

/** What the platform cannot do is blocked `unsupported`, never dropped. */
export const unsupportedCapabilities: PlanRule = (drafts, { capabilities: caps }) => {
  narrow(drafts, (d) => {
    const why = caps.unsupportedActions?.[d.action];
    if (why) {
      drafts.blocked.push(block(d, 'unsupported', why));
      return undefined;
    }
    if (d.action === 'invite' && caps.inviteNeedsEmail && !isEmail(d.key)) {
      drafts.blocked.push(
        block(
          d,
          'unsupported',
          `this platform invites a new member by e-mail address; "${d.key}" is no user it knows: give the e-mail, first and last name of a new user, or the User ID of an existing one`,
        ),
      );
      return undefined;
    }
    if (d.action === 'invite' && caps.inviteNeedsRole && (d.roles?.length ?? 0) === 0) {
      drafts.blocked.push(
        block(
          d,
          'unsupported',
          `this platform invites with a permission set, and "setting permissions … is necessary": give ${d.key} a role (roles, or the target's defaults)`,
        ),
      );
      return undefined;
    }
    if (d.action === 'invite' && caps.inviteNeeds) {
      const missing = caps.inviteNeeds.filter((f) => d.after?.[f] === undefined || d.after[f] === '');
      if (missing.length > 0) {
        drafts.blocked.push(
          block(
            d,
            'unsupported',
            `this platform needs ${missing.join(' and ')} to invite a new member; set ${missing.length > 1 ? 'them' : 'it'} for ${d.key}`,
          ),
        );
        return undefined;
      }
    }
    if (d.action === 'pseudonymize' && !caps.pseudonymize) {
      drafts.blocked.push(block(d, 'unsupported', 'this platform cannot pseudonymize members'));
      return undefined;
    }
    if (d.action === 'delete' && !caps.hardDelete) {
      drafts.blocked.push(
        block(d, 'unsupported', 'this platform cannot delete members; offboarding stops earlier'),
      );
      return undefined;
    }
    if (d.action === 'update' && d.after) {
      const fixed = Object.keys(d.after).filter(
        (f) => !(caps.updatableFields as readonly string[]).includes(f),
      );
      if (fixed.length === 0) return d;
      drafts.blocked.push(
        block(d, 'unsupported', `this platform does not let an administrator change ${fixed.join(', ')}`),
      );
      return withoutFields(d, fixed);
    }
    return d;
  });
};

/** `protect` keys and the acting identity are never offboarded nor demoted. */
export const protectedMembers: PlanRule = (drafts, ctx) => {
  narrow(drafts, (d) => {
    const isSelf = ctx.self !== undefined && d.key === ctx.self;
    const prot = ctx.isProtected(d.key);
    if (!prot && !isSelf) return d;
    const who = prot ? `${d.key} is protected by policy` : `${d.key} is the acting identity`;
    if (isOffboarding(d.action)) {
      drafts.blocked.push(block(d, 'protected', `${who}: it is never removed`));
      return undefined;
    }
    if (d.action === 'revoke' && prot) {
      drafts.blocked.push(block(d, 'protected', `${who}: its roles are never revoked`));
      return undefined;
    }
    if (d.action === 'update' && d.after?.admin === false && d.before?.admin === true) {
      drafts.blocked.push(block(d, 'protected', `${who}: it never loses admin rights`, []));
      return withoutFields(d, ['admin']);
    }
    return d;
  });
};

/** Locked licenses cannot be revoked now, and their holders cannot be removed (3DEXPERIENCE). */
export const lockedLicenses: PlanRule = (drafts, ctx) => {
  if (!ctx.capabilities.lockedLicenses) return;
  narrow(drafts, (d) => {
    const locked = ctx.actual.get(d.key)?.lockedRoles ?? [];
    if (locked.length === 0) return d;
    if (d.action === 'remove') {
      drafts.blocked.push(
        block(
          d,
          'license-locked',
          `holds locked license${locked.length > 1 ? 's' : ''} ${locked.join(', ')}: it cannot be removed until the platform unlocks ${locked.length > 1 ? 'them' : 'it'}`,
          locked,
        ),
      );
      return undefined;
    }
    if (d.action === 'revoke' && d.roles) {
      const stuck = d.roles.filter((r) => locked.includes(r));
      if (stuck.length === 0) return d;
      drafts.blocked.push(
        block(
          d,
          'license-locked',
          `license${stuck.length > 1 ? 's' : ''} ${stuck.join(', ')} ${stuck.length > 1 ? 'are' : 'is'} locked and cannot be revoked now`,
          stuck,
        ),
      );
      const rest = d.roles.filter((r) => !locked.includes(r));
      return rest.length > 0 ? { ...d, roles: rest } : undefined;
    }
    return d;
  });
};

function isAdminLoss(d: Draft, actual: ActualLookup): boolean {
  if (d.action === 'update') return d.before?.admin === true && d.after?.admin === false;
  if (d.action === 'remove') {
    const a = actual.get(d.key);
    return Boolean(a?.admin && isPresent(a.status));
  }
  return false;
}

function isAdminGain(d: Draft): boolean {
  if (d.action === 'invite') return d.after?.admin === true;
  return d.action === 'update' && d.after?.admin === true && d.before?.admin !== true;
}

/** Fewer admins than `minAdmins` would remain: every change that takes admin rights away is blocked. */
export const minimumAdmins: PlanRule = (drafts, ctx) => {
  const min = ctx.policy.minAdmins;
  if (min <= 0) return;
  let admins = 0;
  for (const a of ctx.actual.values()) if (a.admin && isPresent(a.status)) admins++;
  const losses = drafts.changes.filter((d) => isAdminLoss(d, ctx.actual));
  if (losses.length === 0) return;
  const gains = drafts.changes.filter(isAdminGain).length;
  const after = admins - losses.length + gains;
  if (after >= min) return;
  const message = `would leave ${after} admin${after === 1 ? '' : 's'}, fewer than policy.minAdmins (${min})`;
  narrow(drafts, (d) => {
    if (!isAdminLoss(d, ctx.actual)) return d;
    if (d.action === 'update') {
      drafts.blocked.push(block(d, 'min-admins', message));
      return withoutFields(d, ['admin']);
    }
    drafts.blocked.push(block(d, 'min-admins', message));
    return undefined;
  });
};

/** Invitations past the platform's quota wait for a later run. */
export const invitationQuota: PlanRule = (drafts, ctx) => {
  if (ctx.inviteQuota === undefined) return;
  const left = Math.max(0, ctx.inviteQuota);
  const invites = drafts.changes
    .filter((d) => d.action === 'invite')
    .sort((a, b) => (a.key < b.key ? -1 : 1));
  const over = new Set(invites.slice(left).map((d) => d.key));
  if (over.size === 0) return;
  narrow(drafts, (d) => {
    if (d.action !== 'invite' || !over.has(d.key)) return d;
    drafts.blocked.push(
      block(
        d,
        'quota',
        `the platform accepts ${left} more invitation${left === 1 ? '' : 's'} now; this one waits for a later run`,
      ),
    );
    return undefined;
  });
};

/** A lifecycle step after a blocked one cannot run either (delete needs pseudonymize needs remove). */
export const lifecycleOrder: PlanRule = (drafts) => {
  const stoppedAt = new Map<string, { step: number; action: string; reason: BlockReason }>();
  const stepOf: Record<string, number> = { remove: 1, pseudonymize: 2, delete: 3 };
  for (const b of drafts.blocked) {
    const step = stepOf[b.action];
    if (step === undefined) continue;
    const prev = stoppedAt.get(b.key);
    if (!prev || step < prev.step) stoppedAt.set(b.key, { step, action: b.action, reason: b.reason });
  }
  if (stoppedAt.size === 0) return;
  narrow(drafts, (d) => {
    const stop = stoppedAt.get(d.key);
    if (!stop || d.step === undefined || d.step <= stop.step) return d;
    drafts.blocked.push(block(d, stop.reason, `follows the blocked ${stop.action} of ${d.key}`, []));
    return undefined;
  });
};

function withoutFields(d: Draft, fields: readonly string[]): Draft | undefined {
  const after = { ...d.after };
  const before = { ...d.before };
  for (const f of fields) {
    delete after[f];
    delete before[f];
  }
  if (Object.keys(after).length === 0) return undefined;
  return { ...d, before, after };
}

export const PLAN_RULES: readonly PlanRule[] = [
  unsupportedCapabilities,
  importLimits,
  protectedMembers,
  lockedLicenses,
  minimumAdmins,
  lifecycleOrder,
  invitationQuota,
];
