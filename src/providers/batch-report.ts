import { normalizeKey } from '../model/key.js';
import type { Change } from '../model/plan.js';
import type { UploadOutcome } from '../util/upload-command.js';
import type { ChangeResult } from './types.js';

/**
 * The platform's batch report, as an upload command prints it on stdout: one line per row,
 * `<user>;OK` or `<user>;KO;<the platform's reason>` (status case-insensitive; other lines ignored). The
 * 3DEXPERIENCE doc: "If the status is Not Started, click Refresh … If the transaction is finished without
 * any error, the status is OK otherwise a KO status is displayed." A row the report does not name is still
 * Not Started as far as rollcall knows.
 */
export type RowVerdict = { ok: true } | { ok: false; reason: string };

export function parseBatchReport(stdout: string | undefined): Map<string, RowVerdict> {
  const out = new Map<string, RowVerdict>();
  for (const line of (stdout ?? '').split(/\r?\n/)) {
    const [user, status, ...rest] = line.split(';').map((c) => c.trim());
    if (!user || !status) continue;
    const s = status.toUpperCase();
    if (s === 'OK') out.set(normalizeKey(user), { ok: true });
    else if (s === 'KO')
      out.set(normalizeKey(user), { ok: false, reason: rest.join(';').slice(0, 300) || 'no reason given' });
  }
  return out;
}

/**
 * The honest result of a change written to an import file (design §9): `deferred` until the platform
 * confirms it; with an upload command, the batch report decides — OK rows succeed, KO rows fail with the
 * platform's reason, rows it does not name stay `deferred`.
 */
export function importFileResult(
  change: Change,
  shownFile: string,
  outcome: UploadOutcome | undefined,
  report: ReadonlyMap<string, RowVerdict>,
  confirm: string,
): ChangeResult {
  if (!outcome)
    return {
      change,
      status: 'deferred',
      attempts: 1,
      error: `written to ${shownFile}, awaiting its import; ${confirm}`,
    };
  const verdict = report.get(normalizeKey(change.key));
  if (verdict?.ok) return { change, status: 'succeeded', attempts: 1 };
  if (verdict)
    return {
      change,
      status: 'failed',
      attempts: 1,
      error: `the batch report of ${shownFile} shows KO: ${verdict.reason}`,
    };
  return {
    change,
    status: 'deferred',
    attempts: 1,
    error: `uploaded in ${shownFile}; the batch report has not shown its row OK yet (Not Started); ${confirm}`,
  };
}
