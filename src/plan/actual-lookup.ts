import type { ActualMember } from '../model/member.js';
import type { ActualLookup } from './rules.js';

export type { ActualLookup };

/*
 * How the planner finds the actual member of a key: by merging two key-ordered lists (SortedActual, when
 * the state is in strict key order and has no aliases: no table built), or through a table of positions
 * (ActualByKey), which also lets it mark matched members without looking them up twice.
 */

/** Keys strictly ascending: in order, and none twice. */
export function inKeyOrder(members: readonly ActualMember[]): boolean {
  for (let i = 1; i < members.length; i++) if (!(members[i - 1]!.key < members[i]!.key)) return false;
  return true;
}

/** The actual members of a list in strict key order: looked up by binary search, no table built. */
export class SortedActual implements ActualLookup {
  constructor(private readonly members: readonly ActualMember[]) {}

  get(key: string): ActualMember | undefined {
    let lo = 0;
    let hi = this.members.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.members[mid]!.key;
      if (k === key) return this.members[mid];
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  values(): Iterable<ActualMember> {
    return this.members;
  }

  mark(): void {} // no aliases when the lists are merged
}

/**
 * The actual members by key, kept as positions in the list, so that the planner can mark the ones matched
 * without looking each up twice (at a million members each lookup in a big table costs).
 */
export class ActualByKey implements ActualLookup {
  private readonly position = new Map<string, number>();
  /** Some key is there twice (the last one wins a lookup, as in a Map). */
  readonly hasDuplicates: boolean;

  constructor(private readonly members: readonly ActualMember[]) {
    for (let i = 0; i < members.length; i++) this.position.set(members[i]!.key, i);
    this.hasDuplicates = this.position.size !== members.length;
  }

  positionOf(key: string): number | undefined {
    return this.position.get(key);
  }

  get(key: string): ActualMember | undefined {
    const i = this.position.get(key);
    return i === undefined ? undefined : this.members[i];
  }

  *values(): IterableIterator<ActualMember> {
    for (const i of this.position.values()) yield this.members[i]!;
  }

  /** Marks the member of `key` matched (by an alias); with duplicates, the one a lookup finds. */
  mark(key: string, matched: Uint8Array): void {
    const i = this.position.get(key);
    if (i !== undefined) matched[i] = 1;
  }

  /** With a key twice, an earlier member of a matched key counts as matched too (as before: by key). */
  matchedByKey(key: string, matched: Uint8Array): boolean {
    const i = this.position.get(key);
    return i !== undefined && matched[i] === 1;
  }
}
