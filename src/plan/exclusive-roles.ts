import type { ManagedField } from '../model/member.js';
import { block, type Draft, type Drafts } from './draft.js';
import type { RuleContext } from './rules.js';

/**
 * What a platform's import cannot say, blocked at plan with the reason rather than failed at apply:
 * - at most one role of a kind per member (`capabilities.exclusiveRole`: Anaplan's one model role per
 *   model — "If you do import model roles, these apply only to the current model");
 * - a field an update cannot clear (`capabilities.cannotClear`: Anaplan's selective access, where an
 *   empty cell leaves it as it is).
 */
export function importLimits(drafts: Drafts, ctx: RuleContext): void {
  const caps = ctx.capabilities;
  const exclusive = caps.exclusiveRole;
  const cannotClear = caps.cannotClear;
  if (!exclusive && !cannotClear) return;
  const revoked = new Map<string, Set<string>>();
  for (const d of drafts.changes)
    if (d.action === 'revoke') for (const r of d.roles ?? []) add(revoked, d.key, r);
  const kept: Draft[] = [];
  for (const d of drafts.changes) {
    const r = checked(d);
    if (r) kept.push(r);
  }
  drafts.changes = kept;

  function checked(d: Draft): Draft | undefined {
    if (exclusive && (d.action === 'invite' || d.action === 'grant')) {
      const had = (ctx.actual.get(d.key)?.roles ?? []).filter(
        (r) => exclusive.is(r) && d.action === 'grant' && !revoked.get(d.key)?.has(r),
      );
      const after = [...new Set([...had, ...(d.roles ?? []).filter((r) => exclusive.is(r))])].sort();
      if (after.length > 1) {
        drafts.blocked.push(block(d, 'unsupported', exclusive.message(d.key, after)));
        return undefined;
      }
    }
    if (cannotClear && d.action === 'update' && d.after) {
      const cleared = (Object.keys(cannotClear) as ManagedField[]).filter((f) => {
        const v = d.after?.[f];
        const was = d.before?.[f];
        const empty = (x: unknown) => x === '' || (Array.isArray(x) && x.length === 0);
        return v !== undefined && empty(v) && was !== undefined && !empty(was);
      });
      if (cleared.length === 0) return d;
      for (const f of cleared) drafts.blocked.push(block(d, 'unsupported', cannotClear[f]!(d.key)));
      const after = { ...d.after };
      const before = { ...(d.before ?? {}) };
      for (const f of cleared) {
        delete after[f];
        delete before[f];
      }
      return Object.keys(after).length > 0 ? { ...d, after, before } : undefined;
    }
    return d;
  }
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const s = map.get(key) ?? new Set<string>();
  s.add(value);
  map.set(key, s);
}
