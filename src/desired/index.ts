import path from 'node:path';
import type { Config, Target } from '../config/load.js';
import { loaderFor } from '../formats/index.js';
import type { LoadContext } from '../formats/load-context.js';
import type { Diagnostics } from '../model/diagnostic.js';
import type { DesiredState } from '../model/member.js';
import { displayPath } from '../util/display-path.js';
import { buildMember } from './build-member.js';
import { MemberCollector } from './collector.js';
import { matchMembersPattern } from './member-files.js';
import { addPeople, peopleOf } from './people.js';

/** Resolves a target's member globs relative to the config. A pattern matching nothing is an error. */
export async function memberFiles(target: Target, config: Config, diags: Diagnostics): Promise<string[]> {
  const files = new Set<string>();
  for (const { pattern, at } of target.members) {
    const found = await matchMembersPattern(pattern, config.dir);
    for (const p of found.problems) diags.error({ file: displayPath(p.file) }, p.message);
    if (found.directory)
      diags.error(
        at,
        `members pattern "${pattern}" names a directory; name its files, as "${pattern.replace(/\/+$/, '')}/*.yaml"`,
      );
    else if (found.files.length === 0 && found.problems.length === 0)
      diags.error(
        at,
        `members pattern "${pattern}" matches no file (pruning against nothing would offboard everyone)`,
      );
    for (const f of found.files) files.add(path.normalize(f));
  }
  return [...files];
}

/** Loads every desired-state file of a target; every problem goes to `diags`. */
export async function loadDesiredState(
  target: Target,
  config: Config,
  diags: Diagnostics,
): Promise<DesiredState> {
  const collector = new MemberCollector(diags);
  const files = await memberFiles(target, config, diags);
  for (const file of files) {
    const shown = displayPath(file);
    const loader = loaderFor(target.format, file);
    if (typeof loader === 'string') {
      diags.error({ file: shown, line: 1, column: 1 }, loader);
      continue;
    }
    const before = { members: collector.members.size, errors: diags.errorCount };
    await loader(file, loadContext(target, shown, diags, collector));
    if (collector.members.size === before.members && diags.errorCount === before.errors)
      diags.warn(
        { file: shown, line: 1, column: 1 },
        target.policy.prune
          ? 'file has no members: with policy.prune, members found only in it would be offboarded'
          : 'file has no members',
      );
  }
  if (config.people?.length) addPeople(target, await peopleOf(config, diags), collector, diags);
  return {
    target: target.name,
    members: collector.members,
    files: files.map((f) => path.relative(config.dir, f)),
  };
}

/** What a format loader of `target` gets: members built with the target's defaults and catalog, collected. */
export function loadContext(
  target: Target,
  file: string,
  diags: Diagnostics,
  collector: MemberCollector,
): LoadContext {
  return {
    file,
    diags,
    roles: {
      defined: target.catalog.defined,
      names: target.catalog.names,
      has: (role) => target.catalog.has(role),
      expand: (refs) => target.catalog.expand(refs).roles,
    },
    roleNames: target.roleNames,
    defaults: target.defaults,
    connection: target.connection,
    // `this.diags`: a loader may hand on a context with its own (an archive prefixes its entry's name).
    member(input, at, options = {}) {
      const member = buildMember(input, at, target, this.diags, options.defaults, options.rolesAt);
      if (member && options.keep !== false) collector.add(member);
      return member;
    },
  };
}
