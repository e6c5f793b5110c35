import { isPresent } from '../../model/lifecycle.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import { delimitedRow, USE_YAML } from '../table/delimited-row.js';
import { WriteProblems } from '../write-problems.js';
import { keyProblem, sortedMembers } from '../written-members.js';
import { DEEPOMATIC_COLUMNS } from './invite-csv.js';

/**
 * A Deepomatic invite CSV (design §4.3) of the members present on the platform: `Email,First name,Last
 * name,Description`, sorted by e-mail. The file has no state, permission set or site accesses: removed
 * and pseudonymized members are left out (the caller says so), and permissions come from the target's
 * defaults when read back (the read-back check shows any member they do not fit). Throws UnwritableError
 * for members the file cannot hold: no e-mail, no first or last name (both required), values a
 * spreadsheet would run as formulas, edge spaces, carriage returns. Yields one chunk per member.
 */
export function* deepomaticCsvChunks(state: ActualState): Generator<string> {
  const problems = new WriteProblems();
  const members = sortedMembers(
    state.members.filter((m) => isPresent(m.status)),
    problems,
  );
  const rows = members.map((m) => row(m, problems));
  problems.throwIfAny('a Deepomatic invite file', USE_YAML);
  yield `${DEEPOMATIC_COLUMNS.join(',')}\n`;
  for (const r of rows) yield r;
}

export function writeDeepomaticCsv(state: ActualState): string {
  return [...deepomaticCsvChunks(state)].join('');
}

function row(m: ActualMember, problems: WriteProblems): string {
  if (!m.key.includes('@')) problems.add(m.key, 'has no e-mail address, which the file requires');
  else {
    const bad = keyProblem(m);
    if (bad) problems.add(m.key, `Email ${bad}`);
  }
  if (!m.firstName?.trim()) problems.add(m.key, 'has no first name, which the file requires');
  if (!m.lastName?.trim()) problems.add(m.key, 'has no last name, which the file requires');
  const cells = [m.key, m.firstName ?? '', m.lastName ?? '', m.description ?? ''];
  return delimitedRow(m.key, DEEPOMATIC_COLUMNS, cells, problems);
}
