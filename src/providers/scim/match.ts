import { normalizeKey } from '../../model/key.js';
import { filterString } from './schema-ids.js';

/** The user attribute that carries a member's key. */
export const MATCH_ATTRIBUTES = ['userName', 'emails[type eq "work"].value', 'externalId'] as const;
export type MatchAttribute = (typeof MATCH_ATTRIBUTES)[number];

type Resource = Record<string, unknown>;

export function workEmail(r: Resource): string | undefined {
  const emails = Array.isArray(r.emails) ? (r.emails as Resource[]) : [];
  const work = emails.find((e) => e?.type === 'work' && typeof e.value === 'string');
  return work ? (work.value as string) : undefined;
}

/** The member key of a SCIM user (normalized: e-mails case-folded), or undefined when it has none. */
export function keyOf(r: Resource, match: MatchAttribute): string | undefined {
  const raw = match === 'userName' ? r.userName : match === 'externalId' ? r.externalId : workEmail(r);
  return typeof raw === 'string' && raw.trim() !== '' ? normalizeKey(raw) : undefined;
}

/** A filter that finds the user with this key (`userName` compares case-insensitively per RFC 7643). */
export function filterFor(match: MatchAttribute, key: string): string {
  const v = filterString(key);
  if (match === 'userName') return `userName eq ${v}`;
  if (match === 'externalId') return `externalId eq ${v}`;
  return `emails[type eq "work" and value eq ${v}]`;
}
