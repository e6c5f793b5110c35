import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import type { SourceLocation } from '../../model/diagnostic.js';
import { Diagnostics } from '../../model/diagnostic.js';
import { type MemberDefaults, MemberEntry, MembersFile } from '../../model/members-file.js';
import { tooDeepAt } from '../../util/yaml-depth.js';
import { YamlSource } from '../../util/yaml-source.js';

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

/** Keys the whole-document path refuses; here they send the file to it. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
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

/** An entry's plain value and places (line from the entry's first line, 0-based; column 1-based). */
interface EntryRead {
  value: Record<string, unknown>;
  at: [number, number];
  rolesAt: [number, number];
}

const KEY = /^([A-Za-z_$][A-Za-z0-9_$]*):(?: +|$)/;
/** A plain scalar read here: letters, digits and a few signs, never a YAML indicator or ": ", " #". */
const PLAIN_BLOCK = /^[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.@+\-/ ',]*$/;
const PLAIN_FLOW = /^[A-Za-z0-9\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F_.@+\-/ ']*$/;
const CORE_TRUE = new Set(['true', 'True', 'TRUE']);
const CORE_FALSE = new Set(['false', 'False', 'FALSE']);
const CORE_NULL = new Set(['null', 'Null', 'NULL']);
/** YAML 1.2 core schema numbers (as the `yaml` package tests them), a superset of what starts with a digit. */
const CORE_NUMBER =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$/;
/** Not a scalar read here: the entry goes to the `yaml` package. */
const NOT_SIMPLE = Symbol('not simple');

/**
 * `s`, not as a slice of the file's text. V8 makes a substring of 13 characters or more a view into its
 * parent: one such value kept in a member keeps the whole text (100 MB for a million members) alive.
 * A JSON round trip is exact for every string and gives a flat string of its own (concatenating then
 * slicing would keep a view and a copy: ~90 bytes a member more, measured).
 */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** What YAML 1.2's core schema makes of a plain scalar this reader accepts, or NOT_SIMPLE. */
function plainValue(s: string): unknown {
  if (CORE_TRUE.has(s)) return true;
  if (CORE_FALSE.has(s)) return false;
  if (CORE_NULL.has(s)) return null;
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (/^(0|[1-9][0-9]{0,14})$/.test(s)) return Number(s);
    // Other numbers (the core schema's ints and floats) are left to the parser.
    if (CORE_NUMBER.test(s)) return NOT_SIMPLE;
  }
  return s;
}

/** A scalar starting at `s[i]` up to `end`: its value and the offset after it, or NOT_SIMPLE. */
function scalarAt(
  s: string,
  i: number,
  end: number,
  flow: boolean,
): { value: unknown; next: number } | typeof NOT_SIMPLE {
  const q = s.charCodeAt(i);
  if (q === 34 /* " */ || q === 39 /* ' */) {
    let close = i + 1;
    while (close < end && s.charCodeAt(close) !== q) close++;
    if (close >= end) return NOT_SIMPLE;
    const body = s.slice(i + 1, close);
    if (q === 34 && body.includes('\\')) return NOT_SIMPLE;
    if (q === 39 && s.charCodeAt(close + 1) === 39) return NOT_SIMPLE;
    return { value: own(body), next: close + 1 };
  }
  let j = i;
  if (flow) while (j < end && s[j] !== ',' && s[j] !== ']') j++;
  else j = end;
  const raw = s.slice(i, j).trimEnd();
  if (raw === '' || !(flow ? PLAIN_FLOW : PLAIN_BLOCK).test(raw)) return NOT_SIMPLE;
  const value = plainValue(own(raw));
  return value === NOT_SIMPLE ? NOT_SIMPLE : { value, next: i + raw.length };
}

/** After a value: only spaces, then maybe a comment. */
function onlyCommentAfter(s: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && s.charCodeAt(j) === 32) j++;
  return j === end || (j > i && s.charCodeAt(j) === 35);
}

/** Where the value of a `key:` line ends: the end of the line, or the start of a trailing comment. */
function valueEnd(s: string, i: number, end: number): number {
  for (let k = i; k < end - 1; k++) if (s.charCodeAt(k) === 32 && s.charCodeAt(k + 1) === 35) return k;
  return end;
}

/**
 * Reads one entry made only of lines this reader knows — `- key: value` then `key: value` at the same
 * column, `key:` followed by `- scalar` lines indented more, comment and blank lines — or undefined.
 */
function readSimpleEntry(s: string, from: number, to: number, indent: number): EntryRead | undefined {
  const value: Record<string, unknown> = {};
  let rolesAt: [number, number] | undefined;
  let col = indent + 2;
  while (s.charCodeAt(from + col) === 32) col++;
  let lineNo = 0;
  let i = from;
  /** The key waiting for its block sequence, its list, and the list's indentation. */
  let open: { key: string; list: unknown[]; indent: number } | undefined;
  const closeOpen = (): boolean => {
    if (open && open.list.length === 0) return false;
    open = undefined;
    return true;
  };
  while (i < to) {
    let end = s.indexOf('\n', i);
    if (end < 0 || end > to) end = to;
    const lineStart = i;
    i = end + 1;
    const n = lineNo++;
    for (let k = lineStart; k < end; k++) if (s.charCodeAt(k) === 9) return undefined; // a tab
    let at = lineStart;
    if (n === 0) at += col;
    else {
      while (at < end && s.charCodeAt(at) === 32) at++;
      if (at === end || s.charCodeAt(at) === 35) continue; // blank or comment line
    }
    const ind = at - lineStart;
    if (open && ind > col && s.charCodeAt(at) === 45 && s.charCodeAt(at + 1) === 32) {
      // "- scalar" under an open key, all at one indentation.
      if (open.list.length === 0) open.indent = ind;
      else if (ind !== open.indent) return undefined;
      if (open.key === 'roles' && open.list.length === 0) rolesAt = [n, ind + 1];
      let k = at + 2;
      while (k < end && s.charCodeAt(k) === 32) k++;
      const item = scalarAt(s, k, valueEnd(s, k, end), false);
      if (item === NOT_SIMPLE || !onlyCommentAfter(s, item.next, end)) return undefined;
      open.list.push(item.value);
      continue;
    }
    if (!closeOpen() || ind !== col) return undefined;
    const m = KEY.exec(s.slice(at, end));
    if (!m) return undefined;
    const key = m[1] as string;
    if (FORBIDDEN_KEYS.has(key) || Object.hasOwn(value, key)) return undefined;
    const v = at + m[0].length;
    if (key === 'roles') rolesAt = [n, v - lineStart + 1];
    if (v === end || s.charCodeAt(v) === 35) {
      if (v !== end && s.charCodeAt(v - 1) !== 32) return undefined;
      const list: unknown[] = [];
      value[key] = list;
      open = { key, list, indent: -1 };
      continue;
    }
    if (s.charCodeAt(v) === 91 /* [ */) {
      const list: unknown[] = [];
      let k = v + 1;
      while (s.charCodeAt(k) === 32) k++;
      if (s.charCodeAt(k) !== 93 /* ] */)
        for (;;) {
          const item = scalarAt(s, k, end, true);
          if (item === NOT_SIMPLE) return undefined;
          list.push(item.value);
          k = item.next;
          while (s.charCodeAt(k) === 32) k++;
          if (s.charCodeAt(k) === 93) break;
          if (s.charCodeAt(k) !== 44 /* , */) return undefined;
          k++;
          while (s.charCodeAt(k) === 32) k++;
        }
      if (!onlyCommentAfter(s, k + 1, end)) return undefined;
      value[key] = list;
      continue;
    }
    const item = scalarAt(s, v, valueEnd(s, v, end), false);
    if (item === NOT_SIMPLE || !onlyCommentAfter(s, item.next, end)) return undefined;
    value[key] = item.value;
  }
  if (!closeOpen()) return undefined;
  return { value, at: [0, col + 1], rolesAt: rolesAt ?? [0, col + 1] };
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
