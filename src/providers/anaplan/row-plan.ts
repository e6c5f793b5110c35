import type { ImportRow } from '../../formats/anaplan/import-file.js';
import { type ModelUser, NO_ACCESS } from '../../formats/anaplan/users-export.js';
import { isEmail } from '../../model/key.js';
import type { ModelPart } from './model-roles.js';

export type RowOutcome = { row?: ImportRow } | { error: string };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

/**
 * The cells a part needs in the import file, against what the model has (`current`, undefined for a user
 * the model does not list): only what differs, so that an empty cell leaves the rest as it is. No row when
 * the model already is as wanted; an error for what the file cannot say or the model would refuse.
 */
export function rowFor(
  part: ModelPart,
  current: ModelUser | undefined,
  isModelRole: (role: string) => boolean,
): RowOutcome {
  const key = part.change.key;
  if (!isEmail(key)) return { error: `the import file names users by e-mail address; "${key}" is not one` };
  const row: ImportRow = { email: key };
  const has = current?.role;

  if (part.roles.length > 1 && part.action !== 'revoke')
    return {
      error: `Anaplan gives a user one role per model; ${key} would have ${part.roles.length} (${part.roles.join(', ')})`,
    };
  const unknown = part.roles.find((r) => !isModelRole(r));
  if (unknown && part.action !== 'revoke')
    return {
      error: `model role "${unknown}" is not in the target's role catalog, so not on the model's Roles tab: it is never written`,
    };
  if (part.action === 'invite') {
    const want = part.roles[0];
    if (want !== has && (want !== undefined || current !== undefined)) row.role = want ?? NO_ACCESS;
  } else if (part.action === 'grant') {
    const want = part.roles[0]!;
    if (has !== undefined && has !== want)
      return {
        error: `Anaplan gives a user one role per model; ${key} has "${has}": revoke it to grant "${want}"`,
      };
    if (has !== want) row.role = want;
  } else if (part.action === 'revoke') {
    if (has !== undefined && part.roles.includes(has)) row.role = NO_ACCESS;
  }

  if (part.sso !== undefined && part.sso !== current?.sso) row.sso = part.sso;

  if (part.access !== undefined && !sameSet(part.access, current?.access ?? [])) {
    if (part.access.length === 0)
      return {
        error: `the import file cannot clear selective access (an empty cell leaves it as it is): clear it for ${key} in the model's Users pane`,
      };
    const bad = part.access.find((a) => a.includes(',') || a.trim() !== a || a === '');
    if (bad !== undefined)
      return {
        error: `selective access ${JSON.stringify(bad)} cannot go in the import file's comma-separated list`,
      };
    row.access = [...part.access].sort();
  }

  if (row.role === undefined && row.sso === undefined && row.access === undefined) return {};
  if (part.firstName !== undefined) row.firstName = part.firstName;
  if (part.lastName !== undefined) row.lastName = part.lastName;
  return { row };
}

/** Two rows for the same user in one file: the later cells win, the others stay. */
export function mergeRows(earlier: ImportRow, later: ImportRow): ImportRow {
  const out: ImportRow = { ...earlier };
  for (const [k, v] of Object.entries(later))
    if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

/** The model user as it is once a row is imported. */
export function afterRow(current: ModelUser | undefined, row: ImportRow): ModelUser {
  const out: ModelUser = { access: [...(current?.access ?? [])] };
  if (current?.role !== undefined) out.role = current.role;
  if (current?.sso !== undefined) out.sso = current.sso;
  if (row.role !== undefined) {
    if (row.role === NO_ACCESS) delete out.role;
    else out.role = row.role;
  }
  if (row.access !== undefined) out.access = [...row.access];
  if (row.sso !== undefined) out.sso = row.sso;
  return out;
}

/** What the export shows that differs from what the row set, or undefined when the row took. */
export function rowMismatch(row: ImportRow, shown: ModelUser | undefined): string | undefined {
  if (!shown) return 'the user is not in the export';
  const diffs: string[] = [];
  const role = row.role === NO_ACCESS ? undefined : row.role;
  if (row.role !== undefined && shown.role !== role) diffs.push(`model role ${shown.role ?? NO_ACCESS}`);
  if (row.access !== undefined && !sameSet(row.access, shown.access))
    diffs.push(`selective access ${shown.access.join(', ') || '(none)'}`);
  if (row.sso !== undefined && shown.sso !== row.sso) diffs.push(`SSO ${shown.sso ?? '(empty)'}`);
  return diffs.length > 0 ? `the export shows ${diffs.join(', ')}` : undefined;
}
