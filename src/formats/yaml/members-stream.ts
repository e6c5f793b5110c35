import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import type { SourceLocation } from '../../model/diagnostic.js';
import { Diagnostics } from '../../model/diagnostic.js';
import { type MemberDefaults, MemberEntry, MembersFile } from '../../model/members-file.js';
import { tooDeepAt } from '../../util/yaml-depth.js';
import { YamlSource } from '../../util/yaml-source.js';
import { type EntryRead, FORBIDDEN_KEYS, own, readSimpleEntry } from './members-simple-entry.js';

/** A member entry read by {@link readMembersInParts}, with the places the whole-document path gives. */
export interface PartMember {
  entry: MemberEntry;
  at: SourceLocation;
  rolesAt: SourceLocation;
  /** Only for an entry with a malformed role: where its role `j` is. */
  roleAt?: (j: number) => SourceLocation;
}

/** What {@link readMembersInParts} read: the file's defaults and its members in order. */
export interface PartsRead {
  defaults: MemberDefaults;
  count: number;
  /** Member i, once: taking it lets go of what was kept for it. */
  take(i: number): PartMember;
  /**
   * Set when entries do not fit the schema: reports their problems where and as the whole document
   * does; no member is then taken (the file is not used).
   */
  reportProblems?: (diags: Diagnostics) => void;
}

const MAX_ALIASES = 100;

/**
 * Reads the common shape of a members file — a top-level `members:` block sequence of small mappings, with
 * whatever else (`defaults:`, `$schema:`, comments) before or after it — one entry at a time, so a file of
 * a million members never becomes one YAML document in memory (~9.5 KB a member). Simple lines
 * (`key: value`, `key: [a, b]`, plain or quoted scalars without escapes) are read here; any other entry is
 * parsed alone by the `yaml` package, at its own place in the file.
 *
 * Returns undefined — having reported nothing — for any file it cannot read that way or that has a problem
 * other than an entry's own schema problems and malformed roles (a syntax error, a problem outside the
 * members, an anchor, a tag, a forbidden or repeated key): the caller then reads the file whole, which
 * reports every problem where and as it always did. Entries' schema problems and malformed roles are
 * reported by this reader, at the places and in the order the whole document gives.
 * Every file it does read gives the same entries, in the same order, at the same places, as the whole
 * document would.
 */
export function readMembersInParts(
  file: string,
  text: string,
  rolesOk: (roles: readonly string[]) => boolean,
): PartsRead | undefined {
  const region = membersRegion(text);
  if (!region) return undefined;
  // A directive (%YAML 1.1) would change how every scalar reads: such files are read whole.
  if (/^%/m.test(text.slice(0, region.start))) return undefined;
  // Everything but the members: `members:` is then null. Its places are never reported (any problem here
  // sends the file to the whole-document path), so the lines need not stay.
  const rest = text.slice(0, region.start) + text.slice(region.end);
  const parsed = YamlSource.parse(file, rest, new Diagnostics());
  if (!parsed) return undefined;
  const value = parsed.value as Record<string, unknown> | null;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value.members !== null)
    return undefined;
  const top = MembersFile.safeParse({ ...value, members: [] });
  if (!top.success) return undefined;
  const defaults = top.data.defaults ?? {};
  if (defaults.roles && !rolesOk(defaults.roles)) return undefined;

  const entries: (MemberEntry | undefined)[] = [];
  // Places as numbers (line, column of the entry; of its roles): four small integers a member.
  const places: number[] = [];
  /** Entries with problems: their text's place, for the whole document's places and messages. */
  const problems: { i: number; start: number; end: number; line: number; issues: z.core.$ZodIssue[] }[] = [];
  const malformed = new Map<number, { start: number; end: number; line: number }>();
  let line = region.line;
  let i = region.start;
  while (i < region.end) {
    // One entry: from its "- " line to the next one at the same indentation, or the end of the members.
    let j = text.indexOf('\n', i) + 1 || region.end;
    let lines = 1;
    while (j < region.end && !isItemStart(text, j, region.indent)) {
      j = text.indexOf('\n', j) + 1 || region.end;
      lines++;
    }
    const part = readSimpleEntry(text, i, j, region.indent) ?? readEntryAlone(own(text.slice(i, j)));
    if (!part) return undefined;
    const n = entries.length;
    const parsedEntry = MemberEntry.safeParse(part.value);
    if (!parsedEntry.success) {
      problems.push({ i: n, start: i, end: j, line, issues: parsedEntry.error.issues });
      entries.push(undefined);
    } else {
      const entry = parsedEntry.data;
      if (entry.roles && !rolesOk(entry.roles)) malformed.set(n, { start: i, end: j, line });
      entries.push(problems.length ? undefined : entry);
    }
    places.push(line + part.at[0], part.at[1], line + part.rolesAt[0], part.rolesAt[1]);
    line += lines;
    i = j;
  }
  /** Where `path` (from `members`, i) of an entry is in the file, as the whole document locates it. */
  const locateIn = (place: { start: number; end: number; line: number }) => {
    const chunk = YamlSource.parse(file, text.slice(place.start, place.end), new Diagnostics());
    if (!chunk) throw new Error('a members file entry read once does not read again');
    return (
      path: readonly PropertyKey[],
      options?: { key?: boolean },
    ): { file: string; line: number; column: number } => {
      const at = chunk.source.locate([0, ...path.slice(2)], options);
      return { file, line: at.line + place.line - 1, column: at.column };
    };
  };
  return {
    defaults,
    count: entries.length,
    take(n) {
      const entry = entries[n] as MemberEntry;
      entries[n] = undefined;
      const p = 4 * n;
      const bad = malformed.get(n);
      return {
        entry,
        at: { file, line: places[p] as number, column: places[p + 1] as number },
        rolesAt: { file, line: places[p + 2] as number, column: places[p + 3] as number },
        ...(bad && {
          roleAt: (j: number) => {
            const locate = locateIn(bad);
            return locate(['members', n, 'roles', j]);
          },
        }),
      };
    },
    ...(problems.length > 0 && {
      reportProblems: (diags: Diagnostics) => {
        for (const problem of problems) {
          const issues = problem.issues.map((issue) => ({
            ...issue,
            path: ['members', problem.i, ...issue.path],
          }));
          parsed.source.reportIssues(issues, diags, MembersFile as unknown as z.ZodType, locateIn(problem));
        }
      },
    }),
  };
}

/** Where the members' entries are: offsets of their first line and past their last, their indentation. */
function membersRegion(
  text: string,
): { start: number; end: number; indent: number; line: number } | undefined {
  const key = /^members:(?: +#.*| *)$/m.exec(text);
  if (!key) return undefined;
  let i = text.indexOf('\n', key.index) + 1;
  if (i === 0) return undefined;
  let line = lineOf(text, key.index) + 1;
  // The first line with content after the key must start an entry: "- " at some indentation.
  for (;;) {
    if (i >= text.length) return undefined;
    const kind = lineKind(text, i);
    if (kind.content) break;
    i = text.indexOf('\n', i) + 1;
    if (i === 0) return undefined;
    line++;
  }
  const indent = lineKind(text, i).indent;
  if (!isItemStart(text, i, indent)) return undefined;
  const start = i;
  let end = i;
  while (end < text.length) {
    const kind = lineKind(text, end);
    if (
      kind.content &&
      (kind.indent < indent || (kind.indent === indent && !isItemStart(text, end, indent)))
    ) {
      // The members end at a top-level key (or the end of the document); anything else is unusual.
      if (kind.indent !== 0) return undefined;
      break;
    }
    const next = text.indexOf('\n', end) + 1;
    end = next === 0 ? text.length : next;
  }
  return { start, end, indent, line };
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The indentation of the line at `i` and whether it has content (not blank, not only a comment). */
function lineKind(text: string, i: number): { indent: number; content: boolean } {
  let j = i;
  while (text.charCodeAt(j) === 32) j++;
  const c = text.charCodeAt(j);
  // 35: '#', a comment line
  return { indent: j - i, content: !(Number.isNaN(c) || c === 10 || c === 35) };
}

/** The line at `i` is "- …" or "-" at exactly `indent`. */
function isItemStart(text: string, i: number, indent: number): boolean {
  for (let k = 0; k < indent; k++) if (text.charCodeAt(i + k) !== 32) return false;
  if (text.charCodeAt(i + indent) !== 45 /* - */) return false;
  const c = text.charCodeAt(i + indent + 1);
  return c === 32 || c === 10 || Number.isNaN(c);
}

/** Parses one entry's text (a one-item sequence) with the `yaml` package; undefined if anything is unusual. */
function readEntryAlone(chunk: string): EntryRead | undefined {
  if (tooDeepAt(chunk) !== undefined) return undefined;
  const lines = new LineCounter();
  const doc = parseDocument(chunk, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
  const seq = doc.contents;
  if (!isSeq(seq) || seq.items.length !== 1) return undefined;
  const item = seq.items[0];
  if (!isMap(item)) return undefined;
  let plain = true;
  visit(doc, {
    Node(_, node) {
      if ((node as { tag?: string }).tag !== undefined || (node as { anchor?: string }).anchor !== undefined)
        plain = false;
    },
    Alias() {
      plain = false;
    },
    Pair(_, pair) {
      if (!isScalar(pair.key) || FORBIDDEN_KEYS.has(String(pair.key.value))) plain = false;
    },
  });
  if (!plain) return undefined;
  const place = (offset: number): [number, number] => {
    const pos = lines.linePos(offset);
    return [pos.line - 1, pos.col];
  };
  const at = place(item.range?.[0] ?? 0);
  const roles = item.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === 'roles');
  if (roles && (!roles.value || isAlias(roles.value))) return undefined;
  const rolesAt = roles
    ? place((roles.value as unknown as { range?: readonly number[] }).range?.[0] ?? 0)
    : at;
  const value = (doc.toJS({ maxAliasCount: MAX_ALIASES }) as unknown[])[0];
  if (typeof value !== 'object' || value === null) return undefined;
  return { value: value as Record<string, unknown>, at, rolesAt };
}
