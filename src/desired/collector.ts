import { type Diagnostics, formatLocation, type SourceLocation } from '../model/diagnostic.js';
import type { DesiredMember } from '../model/member.js';

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
