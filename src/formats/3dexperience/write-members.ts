import { isLocationCode } from '../../model/location.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import { csvLine } from '../table/cells.js';
import { USE_YAML } from '../table/delimited-row.js';
import { WriteProblems } from '../write-problems.js';
import { identity, keyProblem, sortedMembers } from '../written-members.js';
import { THREEDX_COLUMNS } from './batch-csv.js';
import { is3dxRole } from './roles.js';

const REMOVE: Record<ActualMember['status'], string> = {
  invited: '', // a pending invitation counts as present
  active: '',
  removed: 'remove',
  pseudonymized: '2',
};

/**
 * A 3DEXPERIENCE batch CSV (design §4.2) describing exactly `state`: the header row, then one row per
 * member sorted by key, with `mail` = `no` (an import never re-sends welcome e-mails) and `passport`,
 * `force` empty (no impact). The format has no names, description, SSO or access: those stay unmanaged.
 * Cells that would start a formula are neutralized (formats/table/cells.ts); a value the loader would read
 * back differently is refused. Throws UnwritableError listing every such member. Yields one chunk per member.
 */
export function* threeDxCsvChunks(state: ActualState): Generator<string> {
  const problems = new WriteProblems();
  const members = sortedMembers(state.members, problems);
  const rows = members.map((m) => row(m, problems));
  problems.throwIfAny('a 3DEXPERIENCE batch CSV', USE_YAML);
  yield `${THREEDX_COLUMNS.join(';')}\n`;
  for (const r of rows) yield r;
}

export function write3dxCsv(state: ActualState): string {
  return [...threeDxCsvChunks(state)].join('');
}

function row(m: ActualMember, problems: WriteProblems): string {
  const user = identity(m).value;
  const bad = keyProblem(m);
  if (bad) problems.add(m.key, `user ${bad}`);
  for (const r of m.roles)
    if (!is3dxRole(r)) problems.add(m.key, `role ${JSON.stringify(r)} is not a 3DEXPERIENCE role id`);
  const location = m.location ?? '';
  if (location !== '' && !isLocationCode(location))
    problems.add(m.key, `location ${JSON.stringify(location)} is not a 3DEXPERIENCE location code`);
  const cells = [
    user,
    m.admin ? 'admin' : 'member',
    m.external ? 'contractor' : 'employee',
    m.roles.join(','),
    'no',
    REMOVE[m.status],
    '',
    '',
    location,
  ];
  return `${csvLine(cells, ';')}\n`;
}
