import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Change } from '../model/plan.js';
import { redact } from '../util/secrets.js';

/** `sent`: handed to the provider; the others: what came of it. */
export type JournalResult = 'sent' | 'succeeded' | 'failed' | 'retrying' | 'skipped' | 'deferred';

export interface JournalEntry {
  runId: string;
  time: string;
  target: string;
  phase: number;
  attempt: number;
  change: Change;
  result: JournalResult;
  error?: string;
}

export interface Journal {
  record(entry: Omit<JournalEntry, 'time' | 'runId'>): void;
  /** Several entries at once (a batch handed to a provider): as `record` of each, in fewer writes. */
  recordMany?(entries: Omit<JournalEntry, 'time' | 'runId'>[]): void;
  close(): void;
}

/**
 * The audit journal: JSON lines appended with one write(2) each before the run moves on, so a run killed
 * at any moment leaves an exact record (the kernel keeps what was written; `close` also fsyncs).
 * A change is journaled as `sent` before the provider sees it: every change that reached a platform is
 * accounted for. Text passes through `redact`: no secret is ever written.
 */
export function openJournal(file: string, runId: string, now: () => Date = () => new Date()): Journal {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a');
  let open = true;
  return {
    record(entry) {
      if (!open) throw new Error('journal is closed');
      const line = JSON.stringify({ runId, time: now().toISOString(), ...entry });
      writeSync(fd, `${redact(line)}\n`);
    },
    recordMany(entries) {
      if (!open) throw new Error('journal is closed');
      const time = now().toISOString();
      let text = '';
      for (const entry of entries) {
        text += `${redact(JSON.stringify({ runId, time, ...entry }))}\n`;
        if (text.length > 1 << 20) {
          writeSync(fd, text);
          text = '';
        }
      }
      if (text) writeSync(fd, text);
    },
    close() {
      if (!open) return;
      open = false;
      fsyncSync(fd);
      closeSync(fd);
    },
  };
}

/** A journal that keeps entries in memory (tests, dry runs). */
export function memoryJournal(runId = 'test'): Journal & { entries: JournalEntry[] } {
  const entries: JournalEntry[] = [];
  return {
    entries,
    record(entry) {
      entries.push({ runId, time: new Date(0).toISOString(), ...entry });
    },
    close() {},
  };
}
