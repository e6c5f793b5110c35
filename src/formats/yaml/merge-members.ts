import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { MANAGED_FIELDS } from '../../model/member.js';

/** How an entry names its member: GitHub id, e-mail, platform id or GitHub login, as the loader keys it. */
function entryKey(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const e = node.toJSON() as Record<string, unknown>;
  if (e.githubId !== undefined) return `githubId:${String(e.githubId)}`;
  if (typeof e.email === 'string') return `email:${e.email.trim().normalize('NFC').toLowerCase()}`;
  if (typeof e.id === 'string') return `id:${e.id.trim().normalize('NFC')}`;
  if (typeof e.github === 'string') return `github:${e.github.toLowerCase()}`;
  return undefined;
}

/**
 * The fields import writes from the platform, besides identity. An entry's other fields (`until`,
 * `notify`, `passport`, `force`) are the repository's own and are never touched.
 */
const PLATFORM_FIELDS = [...MANAGED_FIELDS, 'roles', 'state'] as const;
type Field = (typeof PLATFORM_FIELDS)[number];
/** Compared as sets: their order means nothing (design §5: list fields as sets). */
const LIST_FIELDS: ReadonlySet<Field> = new Set(['access', 'roles']);

export interface MergeOptions {
  /** The roles an entry's `roles` stand for (bundles expanded, prerequisites added), as the target reads them. */
  expandRoles?: (roles: string[]) => string[] | undefined;
}

type Entry = Record<string, unknown>;

/**
 * `previous`, a YAML members file as it is, changed only where `written` (what import writes for the
 * platform's state) differs — field by field: an entry that says the same as the platform is kept as it
 * stands (a field it leaves unset is unmanaged and says nothing; its roles are compared as the target
 * expands them, bundles included); in one that differs only the differing fields change, and a field the
 * file's `defaults` give right is left to them; one the platform no longer has is dropped, a new one is
 * added at the end (without what the defaults already say). The order of the file, every comment and
 * every field the platform does not hold (`until`, `notify`…) stay. Undefined when the file cannot be
 * merged safely (not a members file, a platform field the `defaults` set but the platform has not, an
 * entry without an identity, or the same member twice): the caller writes `written` whole.
 */
export function mergeMembersYaml(
  previous: string,
  written: string,
  options: MergeOptions = {},
): string | undefined {
  const old = parseDocument(previous);
  const fresh = parseDocument(written);
  if (old.errors.length > 0 || fresh.errors.length > 0) return undefined;
  const oldMembers = old.get('members', true);
  const newMembers = fresh.get('members', true);
  if (!isSeq(oldMembers) || !isSeq(newMembers)) return undefined;
  const rawDefaults = old.get('defaults');
  if (rawDefaults !== undefined && !isMap(rawDefaults)) return undefined;
  const defaults = (rawDefaults?.toJSON() ?? {}) as Entry;
  const says = sayer(options.expandRoles ?? ((roles: string[]) => roles));
  const wanted = new Map<string, YAMLMap>();
  for (const item of newMembers.items) {
    const key = entryKey(item);
    if (key === undefined || wanted.has(key)) return undefined;
    wanted.set(key, item as YAMLMap);
  }
  const seen = new Set<string>();
  const items: unknown[] = [];
  let changed = false;
  for (const item of oldMembers.items) {
    const key = entryKey(item);
    if (key === undefined || seen.has(key)) return undefined;
    seen.add(key);
    const now = wanted.get(key);
    if (!now) {
      changed = true;
      continue;
    }
    const edit = updateEntry(item as YAMLMap, now, defaults, says);
    if (edit === undefined) return undefined;
    changed ||= edit;
    items.push(item);
  }
  for (const [key, item] of wanted)
    if (!seen.has(key)) {
      if (!leaveToDefaults(item, defaults, says)) return undefined;
      items.push(item);
      changed = true;
    }
  if (!changed) return previous; // byte for byte: nothing to pull in
  oldMembers.items = items as typeof oldMembers.items;
  return old.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * Brings `entry` in line with `now` (the platform's, every field explicit), field by field, in place.
 * True when it changed, false when it already said the same, undefined when it cannot say it.
 */
function updateEntry(entry: YAMLMap, now: YAMLMap, defaults: Entry, says: Says): boolean | undefined {
  const own = entry.toJSON() as Entry;
  const platform = now.toJSON() as Entry;
  let changed = false;
  for (const f of PLATFORM_FIELDS) {
    const has = platformValue(platform, f);
    const mentioned = own[f] !== undefined ? own[f] : f === 'state' ? 'active' : defaults[f];
    // Unset here and in the defaults: unmanaged, says nothing of the platform (roles: none is a statement).
    if (mentioned === undefined && f !== 'roles') continue;
    if (says(f, mentioned ?? [], has)) continue;
    changed = true;
    if (has === undefined) {
      if (defaults[f] !== undefined) return undefined; // the defaults would fill in what the platform has not
      entry.delete(f);
    } else if (f === 'state' && has === 'active' && defaults[f] === undefined) entry.delete(f);
    else if (defaults[f] !== undefined && says(f, defaults[f], has)) entry.delete(f);
    else entry.set(f, now.get(f, true) ?? has);
  }
  return changed;
}

/** A new entry without the fields the file's defaults give it; false when a default would be wrong for it. */
function leaveToDefaults(entry: YAMLMap, defaults: Entry, says: Says): boolean {
  const platform = entry.toJSON() as Entry;
  for (const f of PLATFORM_FIELDS) {
    if (defaults[f] === undefined) continue;
    const has = platformValue(platform, f);
    if (has === undefined) return false;
    if (says(f, defaults[f], has)) entry.delete(f);
  }
  return true;
}

/** What the platform has for `f` in import's entry: absent means none, but no roles and active are explicit. */
function platformValue(platform: Entry, f: Field): unknown {
  if (f === 'roles') return platform.roles ?? [];
  if (f === 'state') return platform.state ?? 'active';
  return platform[f];
}

/** Whether a value written in the file means what the platform has: roles as the target expands them. */
type Says = (f: Field, written: unknown, platform: unknown) => boolean;

function sayer(expand: (roles: string[]) => string[] | undefined): Says {
  return (f, written, platform) => {
    const meant = f === 'roles' && Array.isArray(written) ? expand(written as string[]) : written;
    if (meant === undefined) return false;
    if (LIST_FIELDS.has(f) && Array.isArray(meant) && Array.isArray(platform))
      return isDeepStrictEqual([...new Set(meant)].sort(), [...new Set(platform)].sort());
    return isDeepStrictEqual(meant, platform);
  };
}
