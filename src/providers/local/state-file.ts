import type { z as Z } from 'zod';
import { z } from 'zod';
import { Diagnostics } from '../../model/diagnostic.js';
import { ValidationError } from '../../model/errors.js';
import { normalizeKey } from '../../model/key.js';
import { MemberStatus } from '../../model/lifecycle.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import { fileKind } from '../../util/fs-errors.js';
import { duplicateKeyMessage, findDuplicateKey } from '../../util/json-duplicate-keys.js';
import { jsonSyntaxError } from '../../util/json-error.js';
import { DecodeError, readUtf8 } from '../../util/text.js';
import { YamlSource } from '../../util/yaml-source.js';
import { fastStateFile } from './state-fast.js';

/** The local provider's platform state (design §5.1), JSON or YAML. */
export const StateMember = z.strictObject({
  key: z.string().min(1),
  email: z.string().optional(),
  id: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  description: z.string().optional(),
  status: MemberStatus,
  admin: z.boolean().default(false),
  external: z.boolean().default(false),
  roles: z.array(z.string()).default([]),
  location: z.string().optional(),
  sso: z.boolean().optional(),
  access: z.array(z.string()).optional(),
  lockedRoles: z.array(z.string()).default([]),
});

export const StateFile = z.strictObject({
  $schema: z.string().optional(),
  self: z.string().optional(),
  seats: z.record(z.string(), z.number().int().min(0)).default({}),
  members: z.array(StateMember).default([]),
});
export type StateFile = z.infer<typeof StateFile>;

/** Reads and checks a state file; a missing file is an empty platform. */
export async function readStateFile(path: string, shown: string): Promise<ActualState> {
  const kind = await fileKind(path);
  if (kind === 'missing') return { seats: {}, members: [] };
  if (kind !== 'file')
    throw new ValidationError(
      `${shown}: cannot read the state file: ${typeof kind === 'object' ? kind.problem : `it is ${kind === 'directory' ? 'a directory' : 'not a regular file'}`}`,
    );
  const diags = new Diagnostics();
  let text: string;
  try {
    text = await readUtf8(path);
  } catch (e) {
    if (e instanceof DecodeError) throw new ValidationError(`${shown}:${e.line}:${e.column}: ${e.message}`);
    throw e;
  }
  if (!/\S/.test(text)) return { seats: {}, members: [] }; // not trim(): a copy of the whole file
  // Fast path for JSON: plain JSON.parse and the schema. The YAML parser (which knows where every value
  // stands) is only needed to locate a problem, so it runs when there is one, or for YAML state files.
  let value: unknown;
  let source: YamlSource | undefined;
  /** What the YAML parser refused in a file JSON.parse took (a `__proto__` key, a key twice). */
  const refused = new Diagnostics();
  const locate = (p: PropertyKey[]) => {
    if (!source) {
      const again = YamlSource.parse(shown, text, refused);
      source = again?.source;
    }
    return source ? source.locate(p) : { file: shown, line: 1, column: 1 };
  };
  let jsonError: unknown;
  try {
    value = path.endsWith('.json') ? JSON.parse(text) : undefined;
    const twice = value === undefined ? undefined : findDuplicateKey(text);
    if (twice)
      throw invalid(shown, {
        items: [
          {
            severity: 'error',
            file: shown,
            line: twice.line,
            column: twice.column,
            message: duplicateKeyMessage(twice.key),
          },
        ],
      });
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    jsonError = e;
    value = undefined;
  }
  if (value === undefined) {
    const parsed = YamlSource.parse(shown, text, diags);
    if (!parsed) {
      if (jsonError === undefined) throw invalid(shown, diags);
      // Neither JSON nor YAML: for a .json file, JSON's reason is the one to give, where it has a place.
      const at = jsonSyntaxError(text, jsonError);
      if (at.line === undefined) throw invalid(shown, diags);
      throw invalid(shown, {
        items: [{ severity: 'error', file: shown, ...at, message: `not valid JSON (${at.message})` }],
      });
    }
    ({ source, value } = parsed);
  }
  // A valid file (the usual case) in one pass; anything unexpected goes through the schema, which says what.
  const fast = fastStateFile(value);
  if (fast) return fast;
  const result = StateFile.safeParse(value);
  if (!result.success) {
    locate([]);
    if (source) source.reportIssues(result.error.issues, diags, StateFile as unknown as Z.ZodType);
    else diags.merge(refused);
    throw invalid(shown, diags);
  }
  const seen = new Map<string, number>();
  const members: ActualMember[] = result.data.members.map((m, i) => {
    const key = normalizeKey(m.key);
    const first = seen.get(key);
    if (first !== undefined)
      diags.error(
        locate(['members', i, 'key']),
        `duplicate member "${key}" (also at line ${locate(['members', first]).line})`,
      );
    else seen.set(key, i);
    for (const r of m.lockedRoles)
      if (!m.roles.includes(r))
        diags.error(
          locate(['members', i, 'lockedRoles']),
          `locked role "${r}" is not among the member's roles`,
        );
    const member: ActualMember = {
      ...m,
      key,
      roles: [...m.roles].sort(),
      lockedRoles: [...m.lockedRoles].sort(),
    };
    if (m.email !== undefined) member.email = normalizeKey(m.email);
    return member;
  });
  if (diags.hasErrors) throw invalid(shown, diags);
  const state: ActualState = { seats: result.data.seats, members };
  if (result.data.self !== undefined) state.self = normalizeKey(result.data.self);
  return state;
}

function invalid(shown: string, diags: Pick<Diagnostics, 'items'>): ValidationError {
  return new ValidationError(`${shown}: invalid state file`, diags.items);
}

/** The state file's text (design §5.1): members sorted by key, fields in the documented order. */
export function serializeState(state: ActualState): string {
  const members = [...state.members]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((m) => {
      const out: Record<string, unknown> = { key: m.key };
      for (const k of ['email', 'id', 'firstName', 'lastName', 'description'] as const)
        if (m[k] !== undefined) out[k] = m[k];
      out.status = m.status;
      out.admin = m.admin;
      out.external = m.external;
      out.roles = m.roles;
      for (const k of ['location', 'sso', 'access'] as const) if (m[k] !== undefined) out[k] = m[k];
      if (m.lockedRoles.length > 0) out.lockedRoles = m.lockedRoles;
      return JSON.stringify(out);
    });
  const head: Record<string, unknown> = {};
  if (state.self !== undefined) head.self = state.self;
  head.seats = state.seats;
  const top = JSON.stringify(head, null, 2).slice(0, -2);
  return `${top},\n  "members": [${members.length ? `\n    ${members.join(',\n    ')}\n  ` : ''}]\n}\n`;
}
