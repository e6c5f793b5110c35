import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, parseDocument } from 'yaml';

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
 * `previous`, a YAML members file as it is, changed only where `written` (what import writes for the
 * platform's state) differs: an entry that says the same is kept as it stands (its comments and layout),
 * one that differs is replaced, one the platform no longer has is dropped, a new one is added at the end;
 * the order of the file and every other comment stay. Undefined when the file cannot be merged safely (not
 * a members file, `defaults` that would apply to the written entries, an entry without an identity, or
 * the same member twice): the caller writes `written` whole.
 */
export function mergeMembersYaml(previous: string, written: string): string | undefined {
  const old = parseDocument(previous);
  const fresh = parseDocument(written);
  if (old.errors.length > 0 || fresh.errors.length > 0 || old.has('defaults')) return undefined;
  const oldMembers = old.get('members', true);
  const newMembers = fresh.get('members', true);
  if (!isSeq(oldMembers) || !isSeq(newMembers)) return undefined;
  const wanted = new Map<string, unknown>();
  for (const item of newMembers.items) {
    const key = entryKey(item);
    if (key === undefined || wanted.has(key)) return undefined;
    wanted.set(key, item);
  }
  const seen = new Set<string>();
  const items: unknown[] = [];
  let changed = false;
  for (const item of oldMembers.items) {
    const key = entryKey(item);
    if (key === undefined || seen.has(key)) return undefined;
    seen.add(key);
    const now = wanted.get(key) as { toJSON(): unknown } | undefined;
    if (!now) {
      changed = true;
      continue;
    }
    const same = isDeepStrictEqual((item as { toJSON(): unknown }).toJSON(), now.toJSON());
    items.push(same ? item : now);
    changed ||= !same;
  }
  for (const [key, item] of wanted)
    if (!seen.has(key)) {
      items.push(item);
      changed = true;
    }
  if (!changed) return previous; // byte for byte: nothing to pull in
  oldMembers.items = items as typeof oldMembers.items;
  return old.toString({ lineWidth: 0, flowCollectionPadding: false });
}
