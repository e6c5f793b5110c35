import type { Target } from '../config/load.js';
import { type Diagnostics, formatLocation, type SourceLocation } from '../model/diagnostic.js';
import type { DesiredMember } from '../model/member.js';

/** What a format loader gets: where it reads, what it reports to, where its members go. */
export interface LoadContext {
  target: Target;
  /** The file as messages show it. */
  file: string;
  diags: Diagnostics;
  add(member: DesiredMember): void;
}

/** A format loader: reads one file, streams members to `ctx.add`, reports every problem to `ctx.diags`. */
export type FormatLoader = (path: string, ctx: LoadContext) => Promise<void>;

/** Members of one target across all its files; the same key twice is an error naming both places. */
export class MemberCollector {
  readonly members = new Map<string, DesiredMember>();

  constructor(private readonly diags: Diagnostics) {}

  add = (member: DesiredMember): void => {
    const previous = this.members.get(member.key);
    if (previous) {
      this.diags.error(
        member.source,
        `duplicate member "${member.key}" (also at ${formatLocation(previous.source as SourceLocation)})`,
      );
      return;
    }
    this.members.set(member.key, member);
  };
}
