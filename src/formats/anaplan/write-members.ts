import { isPresent } from '../../model/lifecycle.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import { delimitedRow, USE_YAML } from '../table/delimited-row.js';
import { WriteProblems } from '../write-problems.js';
import { identity, keyProblem, sortedMembers } from '../written-members.js';
import { ANAPLAN_COLUMNS } from './user-import.js';

/**
 * An Anaplan user import CSV (design §4.4) of the members present on the platform: every column, sorted
 * by key. The file has no state: removed and pseudonymized members are left out (the caller says so).
 * A user holds one model role (none is written empty, read as No Access); selective access is one
 * comma-separated cell, so no entry may hold a comma or repeat; an empty list or an unset name is written
 * empty, which the loader leaves unmanaged. Throws UnwritableError for members the file cannot hold,
 * formula-like values among them. Yields one chunk per member.
 */
export function* anaplanCsvChunks(state: ActualState): Generator<string> {
  const problems = new WriteProblems();
  const members = sortedMembers(
    state.members.filter((m) => isPresent(m.status)),
    problems,
  );
  const rows = members.map((m) => row(m, problems));
  problems.throwIfAny('an Anaplan user import file', USE_YAML);
  yield `${ANAPLAN_COLUMNS.join(',')}\n`;
  for (const r of rows) yield r;
}

export function writeAnaplanCsv(state: ActualState): string {
  return [...anaplanCsvChunks(state)].join('');
}

function row(m: ActualMember, problems: WriteProblems): string {
  const bad = keyProblem(m);
  if (bad) problems.add(m.key, bad);
  const { field, value } = identity(m);
  // Beside an e-mail key the platform's user id is kept; beside an id key an e-mail would become the key.
  const userId = field === 'id' ? value : (m.id ?? '');
  if (m.roles.length > 1)
    problems.add(m.key, `holds ${m.roles.length} model roles (${m.roles.join(', ')}); the file gives one`);
  const role = m.roles[0] ?? '';
  if (role.toLowerCase() === 'no access') problems.add(m.key, 'holds a role named "No Access", read as none');
  const access = m.access ?? [];
  for (const a of access)
    if (a.trim() === '' || a.trim() !== a || a.includes(','))
      problems.add(m.key, `selective access ${JSON.stringify(a)} cannot be listed`);
  if (new Set(access).size !== access.length) problems.add(m.key, 'lists a selective access twice');
  const cells = [
    field === 'email' ? value : '',
    userId,
    m.firstName ?? '',
    m.lastName ?? '',
    role,
    access.join(', '),
    m.sso === undefined ? '' : String(m.sso),
  ];
  return delimitedRow(m.key, ANAPLAN_COLUMNS, cells, problems);
}
