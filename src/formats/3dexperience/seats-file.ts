import { Diagnostics } from '../../model/diagnostic.js';
import { ValidationError } from '../../model/errors.js';
import { isPresent } from '../../model/lifecycle.js';
import type { ActualMember } from '../../model/member.js';
import { DecodeError, readUtf8 } from '../../util/text.js';
import { is3dxRole } from './roles.js';

/**
 * The seats file: the license counts the Invite Members tab shows per role ("Used: 81/200"), one role a line,
 * copied as shown. `#` starts a comment; blank lines are skipped.
 *
 *   CSV  Used: 81/200
 *   XEN  Used: 48/50
 *
 * A role in no line has no counted pool (the platform lets administrators grant it without a license).
 */
const LINE = /^([A-Za-z0-9-]+)\s*[:;,]?\s*Used\s*:\s*(\d+)\s*\/\s*(\d+)$/i;

export interface SeatLine {
  role: string;
  used: number;
  total: number;
  line: number;
}

export async function readSeatsFile(path: string, shown: string): Promise<SeatLine[]> {
  let text: string;
  try {
    text = await readUtf8(path);
  } catch (e) {
    if (e instanceof DecodeError) throw new ValidationError(`${shown}:${e.line}:${e.column}: ${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new ValidationError(
      `${shown}: ${code === 'ENOENT' ? 'seats file not found' : `cannot read the seats file (${code ?? 'error'})`}`,
    );
  }
  const diags = new Diagnostics();
  const seats: SeatLine[] = [];
  text.split(/\r?\n|\r/).forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const m = LINE.exec(content);
    const at = { file: shown, line, column: raw.indexOf(content[0]!) + 1 };
    if (!m) {
      diags.error(at, `expected "ROLE Used: N/M" (as the Invite Members tab shows it), found "${content}"`);
      return;
    }
    const role = m[1]!.toUpperCase();
    if (!is3dxRole(role)) {
      diags.error(at, `malformed role "${m[1]}": use a trigram or RAP-/MAP- followed by 8 letters or digits`);
      return;
    }
    const previous = seats.find((s) => s.role === role);
    if (previous) {
      diags.error(at, `role ${role} is listed twice (also on line ${previous.line})`);
      return;
    }
    seats.push({ role, used: Number(m[2]), total: Number(m[3]), line });
  });
  if (diags.hasErrors) throw new ValidationError(`${shown}: invalid seats file`, diags.items);
  return seats;
}

/**
 * Seat pools for the planner: role → total. The planner counts what is used from the members; a seats file
 * that says otherwise was not taken at the same moment as the export, and planning on it could over-commit
 * licenses, so it is refused.
 */
export function seatPools(
  seats: readonly SeatLine[],
  members: readonly ActualMember[],
  files: { seats: string; export: string },
): Record<string, number> {
  const holders = new Map<string, number>();
  for (const m of members)
    if (isPresent(m.status)) for (const r of m.roles) holders.set(r, (holders.get(r) ?? 0) + 1);
  const diags = new Diagnostics();
  for (const s of seats) {
    const counted = holders.get(s.role) ?? 0;
    if (counted !== s.used)
      diags.error(
        { file: files.seats, line: s.line, column: 1 },
        `${s.role} Used: ${s.used}/${s.total}, but ${counted} pending or active member${counted === 1 ? '' : 's'} of ${files.export} hold${counted === 1 ? 's' : ''} ${s.role}; export the members and the seats again, at the same time`,
      );
  }
  if (diags.hasErrors)
    throw new ValidationError(`${files.seats}: seat counts do not match the members export`, diags.items);
  return Object.fromEntries(seats.map((s) => [s.role, s.total]));
}
