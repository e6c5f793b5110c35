import { isOffboarding } from '../model/lifecycle.js';
import type { Change } from '../model/plan.js';
import { canonicalJson, sha256 } from './digest.js';

/**
 * design §6.1: "sha256:" + hex sha256 of the canonical JSON (keys sorted, no spaces) of the array of
 * `{ action, key, phase }` of the remove, pseudonymize and delete changes, sorted by key, then phase, then
 * action. Undefined when there is none. Any change to the removals changes it.
 */
export function removalDigest(changes: readonly Change[]): string | undefined {
  const items = changes
    .filter((c) => isOffboarding(c.action))
    .map((c) => ({ action: c.action, key: c.key, phase: c.phase }))
    .sort((a, b) => cmp(a.key, b.key) || a.phase - b.phase || cmp(a.action, b.action));
  return items.length === 0 ? undefined : sha256(canonicalJson(items));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
