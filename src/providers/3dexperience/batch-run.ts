import path from 'node:path';
import {
  type BatchRow,
  batchCsv,
  FILE_KINDS,
  type FileKind,
  fileKind,
  memberRow,
} from '../../formats/3dexperience/batch-rows.js';
import { isOffboarding, isPresent } from '../../model/lifecycle.js';
import type { ActualMember, ActualState } from '../../model/member.js';
import type { Change } from '../../model/plan.js';
import { PlatformState } from '../../model/transition.js';
import type { Uploader } from '../../util/upload-command.js';
import { FileHandover } from '../file-handover.js';
import { type PendingRow, pendingFor, stillPending } from '../pending-files.js';
import type { ChangeResult } from '../types.js';
import { describeActions } from '../upload-order.js';

const NEEDS: Partial<Record<Change['action'], ActualMember['status']>> = {
  pseudonymize: 'removed',
  delete: 'pseudonymized',
};

export interface BatchRunOptions {
  target: string;
  runId: string;
  /** Where this run's files go. */
  dir: string;
  upload?: Uploader;
  log: (line: string) => void;
  /** How the export and seats are refreshed, for the upload order's last lines. */
  refresh: readonly string[];
  /** Rows earlier runs wrote that the export does not show yet: not written again. */
  pending?: ReadonlyMap<string, PendingRow>;
}

/**
 * One apply run on a 3DEXPERIENCE target: the batch files it writes, in upload order, and the platform as
 * they will leave it. The rows of each file are checked against that projection with the platform's rules
 * (seats, locked licenses, lifecycle order), so a file never holds a row the platform would refuse for a
 * reason rollcall can see. A lifecycle step waits until the export shows the step before it done: the
 * import is asynchronous and pseudonymization cannot be undone, so it is never written on trust.
 */
export class BatchRun {
  private projection: PlatformState;
  private readonly confirmed: ReadonlyMap<string, ActualMember>;
  /** Keys whose lifecycle row went into a file of this run, with that file. */
  private readonly offboarding = new Map<string, string>();
  private readonly handover: FileHandover;

  constructor(
    base: ActualState,
    private readonly options: BatchRunOptions,
  ) {
    this.projection = new PlatformState(base);
    this.confirmed = new Map(base.members.map((m) => [m.key, m]));
    this.handover = new FileHandover({
      ...options,
      importByHand:
        'Import these files in this order: Members Control Center > Import Members > Invite Members.',
      orderNote: [
        'Wait until the batch report of each shows OK (click Refresh while it shows Not Started) before the next.',
      ],
      orderTail: [
        'Then export the members and the seats again, and run `rollcall plan`: rows the report shows KO',
        'are planned again. Removals, pseudonymizations and deletions go one step per apply, each once the',
        'export shows the step before it done.',
        ...options.refresh,
      ],
      confirm: 'export the members again and run plan to confirm it',
    });
  }

  async *apply(changes: readonly Change[]): AsyncIterable<ChangeResult> {
    const byKind = new Map<FileKind, Change[]>();
    for (const c of changes) {
      const waiting = pendingFor(this.options.pending, fileKind(c.action), c.key);
      if (waiting) {
        yield stillPending(c, waiting, 'members export');
        continue;
      }
      const refusal = this.gate(c);
      if (refusal) {
        yield refusal;
        continue;
      }
      const kind = fileKind(c.action);
      byKind.set(kind, [...(byKind.get(kind) ?? []), c]);
    }
    for (const kind of FILE_KINDS) {
      const group = byKind.get(kind);
      if (group) yield* this.writeFile(kind, group);
    }
  }

  /** A lifecycle step the platform would refuse now, or that must wait for the export. */
  private gate(c: Change): ChangeResult | undefined {
    if (!isOffboarding(c.action)) return undefined;
    const earlier = this.offboarding.get(c.key);
    if (earlier)
      return {
        change: c,
        status: 'deferred',
        attempts: 1,
        error: `waits until the export shows ${path.basename(earlier)} done: import it, export again, and run apply again`,
      };
    const m = this.confirmed.get(c.key);
    const present = m !== undefined && isPresent(m.status);
    if (c.action === 'remove') {
      if (!present) return failed(c, `${c.key} is not a member on the platform (${m?.status ?? 'absent'})`);
      if (m.lockedRoles.length > 0)
        return failed(
          c,
          `holds locked license${m.lockedRoles.length > 1 ? 's' : ''} ${m.lockedRoles.join(', ')}: never put in a removal file`,
        );
      return undefined;
    }
    if (m?.status !== NEEDS[c.action])
      return failed(
        c,
        `${c.key} is ${m?.status ?? 'absent'} on the platform: only ${NEEDS[c.action]} members can be ${c.action === 'delete' ? 'deleted' : 'pseudonymized'}`,
      );
    return undefined;
  }

  private async *writeFile(kind: FileKind, group: Change[]): AsyncIterable<ChangeResult> {
    const after = new PlatformState(this.projection.snapshot());
    const accepted: Change[] = [];
    for (const c of group) {
      const refusal = after.apply(c);
      if (refusal) yield failed(c, refusal);
      else accepted.push(c);
    }
    if (accepted.length === 0) return;

    const keys = [...new Set(accepted.map((c) => c.key))];
    const rows: BatchRow[] = keys.map((key) => {
      const member = after.members.get(key) ?? this.confirmed.get(key)!;
      const invite = accepted.find((c) => c.key === key && c.action === 'invite');
      return memberRow(kind, member, invite);
    });
    const handed = await this.handover.hand(
      {
        stem: kind,
        extension: 'csv',
        content: batchCsv(rows),
        rows: rows.length,
        describes: describeActions(accepted.map((c) => c.action)),
      },
      accepted,
    );
    if (!handed.failed) {
      this.projection = after;
      for (const c of accepted) if (isOffboarding(c.action)) this.offboarding.set(c.key, handed.file);
    }
    yield* handed.results;
  }
}

function failed(change: Change, error: string): ChangeResult {
  return { change, status: 'failed', attempts: 1, error };
}
