/**
 * The line reader of YAML members files read in parts (members-stream.ts): one entry of simple lines —
 * `key: value`, `[a, b]` and block lists, plain or quoted scalars without escapes, comments — read as
 * YAML 1.2's core schema reads them, with its places; anything else is left to the `yaml` package.
 */
/** An entry's plain value and places (line from the entry's first line, 0-based; column 1-based). */
/** Keys the whole-document path refuses; here they send the file to it. */
export const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface EntryRead {
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
export function own(s: string): string {
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
export function readSimpleEntry(s: string, from: number, to: number, indent: number): EntryRead | undefined {
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
