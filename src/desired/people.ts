import path from 'node:path';
import type { Config, Target } from '../config/load.js';
import { PeopleFile, type Person } from '../config/people-schema.js';
import { readYamlFile } from '../config/yaml-file.js';
import type { MemberInput } from '../formats/load-context.js';
import { earliestDay } from '../model/day.js';
import { type Diagnostics, formatLocation, type SourceLocation } from '../model/diagnostic.js';
import { offboardTarget } from '../model/lifecycle.js';
import { displayPath } from '../util/display-path.js';
import { didYouMean } from '../util/suggest.js';
import { buildMember } from './build-member.js';
import type { MemberCollector } from './collector.js';
import { matchMembersPattern } from './member-files.js';

/** One person as the directory holds it, with where it stands. */
export interface PersonRecord {
  person: Person;
  /** The person's name in plans and messages: e-mail, else GitHub login, else 3DPassport id. */
  id: string;
  at: SourceLocation;
  accessAt(target: string): SourceLocation;
  rolesAt(target: string): SourceLocation;
}

export interface PeopleDirectory {
  people: PersonRecord[];
}

/** The directory is read once per loaded config, whatever number of targets it feeds. */
const cache = new WeakMap<Config, Promise<PeopleDirectory>>();

export function peopleOf(config: Config, diags: Diagnostics): Promise<PeopleDirectory> {
  let p = cache.get(config);
  if (!p) {
    p = readPeople(config, diags);
    cache.set(config, p);
  }
  return p;
}

/** Reads every people file (design §4.5); every problem is reported located, each person once. */
async function readPeople(config: Config, diags: Diagnostics): Promise<PeopleDirectory> {
  const files = new Set<string>();
  for (const { pattern, at } of config.people) {
    const found = await matchMembersPattern(pattern, config.dir);
    for (const p of found.problems) diags.error({ file: displayPath(p.file) }, p.message);
    if (found.files.length === 0 && found.problems.length === 0)
      diags.error(at, `people pattern "${pattern}" matches no file`);
    for (const f of found.files) files.add(path.normalize(f));
  }
  const people: PersonRecord[] = [];
  const seen = new Map<string, SourceLocation>();
  for (const file of files) {
    const shown = displayPath(file);
    const read = await readYamlFile(file, shown, PeopleFile, diags);
    if (!read) continue;
    read.value.people.forEach((person, i) => {
      const at = read.source.locate(['people', i]);
      const id =
        person.email?.trim().toLowerCase() ||
        person.github ||
        person.passport ||
        String(person.githubId ?? '');
      if (!id) {
        diags.error(at, 'person has no identity: give an email, github, githubId or passport');
        return;
      }
      const identities = [
        person.email && `email ${person.email.trim().toLowerCase()}`,
        person.github && `github ${person.github.toLowerCase()}`,
        person.githubId !== undefined && `githubId ${person.githubId}`,
        person.passport && `passport ${person.passport.toLowerCase()}`,
      ].filter((x): x is string => Boolean(x));
      const twice = identities.find((x) => seen.has(x));
      if (twice) {
        diags.error(
          at,
          `${twice} names a person twice in the people directory (also at ${formatLocation(seen.get(twice)!)})`,
        );
        return;
      }
      for (const x of identities) seen.set(x, at);
      const access = Object.keys(person.access ?? {});
      for (const name of access)
        if (!config.targetNames.includes(name))
          diags.error(
            read.source.locate(['people', i, 'access', name], { key: true }),
            `access for unknown target "${name}"${didYouMean(name, config.targetNames)}; targets in this config: ${config.targetNames.join(', ')}`,
          );
      if (access.length === 0 && person.state !== 'left') diags.warn(at, `${id} has access to no target`);
      people.push({
        person,
        id,
        at,
        accessAt: (t) => read.source.locate(['people', i, 'access', t]),
        rolesAt: (t) => read.source.locate(['people', i, 'access', t, 'roles']),
      });
    });
  }
  return { people };
}

/** The identity a person has on `target`: GitHub login/id on github targets, else e-mail or 3DPassport id. */
function identityOn(
  target: Target,
  p: Person,
): Pick<MemberInput, 'email' | 'id' | 'github' | 'githubId'> | undefined {
  if (target.provider === 'github') {
    if (p.github === undefined && p.githubId === undefined) return undefined;
    const out: MemberInput = {};
    if (p.github !== undefined) out.github = p.github;
    if (p.githubId !== undefined) out.githubId = p.githubId;
    if (p.email !== undefined) out.email = p.email;
    return out;
  }
  if (p.email !== undefined)
    return p.passport !== undefined ? { email: p.email, id: p.passport } : { email: p.email };
  if (p.passport !== undefined) return { id: p.passport };
  return undefined;
}

/**
 * Adds to a target's members every person with access to it, and every person who has left (offboarded by
 * the target's policy.offboard wherever one of their identities is a member). A person also named in the
 * target's members files is an error naming both places.
 */
export function addPeople(
  target: Target,
  directory: PeopleDirectory,
  collector: MemberCollector,
  diags: Diagnostics,
): void {
  for (const rec of directory.people) {
    const { person } = rec;
    const entry = person.access?.[target.name];
    const left = person.state === 'left';
    if (!entry && !left) continue;
    const at = entry ? rec.accessAt(target.name) : rec.at;
    const identity = identityOn(target, person);
    if (!identity) {
      if (entry)
        diags.error(
          at,
          `${rec.id} has access to "${target.name}" (provider ${target.provider}) but no identity it uses: give ${target.provider === 'github' ? 'github or githubId' : 'an email or passport'}`,
        );
      continue;
    }
    const { until: entryUntil, state: entryState, ...fields } = entry ?? {};
    const input: MemberInput = { ...identity };
    for (const k of ['firstName', 'lastName', 'description', 'external'] as const)
      if (person[k] !== undefined) (input as Record<string, unknown>)[k] = person[k];
    Object.assign(input, fields);
    const until = earliestDay(person.until, entryUntil);
    if (until !== undefined) input.until = until;
    if (left) input.state = offboardTarget(target.policy.offboard);
    else if (entryState !== undefined) input.state = entryState;
    const member = buildMember(input, at, target, diags, {}, entry ? rec.rolesAt(target.name) : at);
    if (!member) continue;
    const existing = collector.members.get(member.key);
    if (existing) {
      diags.error(
        at,
        `${rec.id} ${entry ? `has access to "${target.name}"` : 'has left'} in the people directory and is also in the members file of "${target.name}" at ${formatLocation(existing.source as SourceLocation)}: keep one`,
      );
      continue;
    }
    member.person = rec.id;
    if (left) member.why = `${rec.id} has left (people directory)`;
    collector.add(member);
  }
}
