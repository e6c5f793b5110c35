import { ValidationError } from '../model/errors.js';

/** One member a format cannot express exactly, and why. */
export interface WriteProblem {
  key: string;
  reason: string;
}

/** How many problems the one-line message names before "and N more". */
const SHOWN = 3;

/**
 * A target's actual state that a format cannot write so that its loader reads back the same members. The
 * message is one line; values are JSON-quoted so no newline or control character of a member reaches it.
 */
export class UnwritableError extends ValidationError {
  constructor(
    readonly formatName: string,
    readonly problems: readonly WriteProblem[],
    hint: string,
  ) {
    const n = problems.length;
    const shown = problems
      .slice(0, SHOWN)
      .map((p) => `${JSON.stringify(p.key)}: ${p.reason}`)
      .join('; ');
    const more = n > SHOWN ? `; and ${n - SHOWN} more` : '';
    super(`cannot write ${n} member${n === 1 ? '' : 's'} as ${formatName}: ${shown}${more}; ${hint}`);
  }
}

/** Collects the problems of a whole state, so that one run reports them all. */
export class WriteProblems {
  readonly items: WriteProblem[] = [];

  add(key: string, reason: string): void {
    this.items.push({ key, reason });
  }

  throwIfAny(formatName: string, hint: string): void {
    if (this.items.length === 0) return;
    const sorted = [...this.items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    throw new UnwritableError(formatName, sorted, hint);
  }
}
