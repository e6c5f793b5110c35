import { spawn } from 'node:child_process';
import path from 'node:path';
import { holdsSecret, redact } from './secrets.js';

/** What became of handing one import file to the platform. */
export interface UploadOutcome {
  ok: boolean;
  /** Worth another try (the command exited 75, EX_TEMPFAIL). */
  transient?: boolean;
  /** One line saying why not, never the command line (it may hold a secret). */
  message?: string;
  /** What the command printed on stdout (at most 1 MiB, secrets masked): it may hold the batch report. */
  stdout?: string;
}

/** Hands one written import file to the platform. `env` adds variables the command may read. */
export type Uploader = (file: string, env?: Readonly<Record<string, string>>) => Promise<UploadOutcome>;

const STDOUT_LIMIT = 1024 * 1024;

/** Exit code of a command that failed for now and may succeed later (sysexits.h EX_TEMPFAIL). */
export const EX_TEMPFAIL = 75;

export interface CommandOptions {
  /** Working directory: the directory of rollcall.yaml. */
  cwd: string;
  timeoutMs: number;
}

/**
 * An uploader that runs `argv` with the file's path appended as the last argument, without a shell. Its exit
 * code decides: 0 uploaded, 75 try again later, anything else failed (with the last line it printed).
 */
export function commandUploader(argv: readonly string[], options: CommandOptions): Uploader {
  const [program, ...args] = argv;
  // Its file name only; none of it when it comes from a secret (a part of one is not masked by `redact`).
  const name = holdsSecret(program ?? '') ? '***' : path.basename(program ?? '');
  return (file, env = {}) =>
    new Promise<UploadOutcome>((resolve) => {
      let tail = '';
      const keep = (chunk: Buffer) => {
        // Masked before the cut: a secret across it would leave a part that `redact` no longer knows.
        tail = redact(tail + chunk.toString('utf8')).slice(-4096);
      };
      let stdout = '';
      const keepOut = (chunk: Buffer) => {
        if (stdout.length < STDOUT_LIMIT)
          stdout += chunk.toString('utf8').slice(0, STDOUT_LIMIT - stdout.length);
        keep(chunk);
      };
      const child = spawn(program!, [...args, file], {
        cwd: options.cwd,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Our own timer: spawn's `timeout` is cleared only when a process exits, so a command that could not
      // start (not found) kept rollcall alive for the whole timeout after the run was over.
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
      }, options.timeoutMs);
      child.stdout.on('data', keepOut);
      child.stderr.on('data', keep);
      child.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({
          ok: false,
          message:
            e.code === 'ENOENT'
              ? `upload command "${name}" not found`
              : `upload command "${name}" could not run (${e.code ?? e.message})`,
        });
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) return resolve({ ok: true, ...(stdout ? { stdout: redact(stdout) } : {}) });
        const said = lastLine(tail);
        const why = timedOut
          ? `was stopped after its timeout of ${Math.round(options.timeoutMs / 1000)} s`
          : signal
            ? `was stopped by ${signal}`
            : `exited with ${code}`;
        resolve({
          ok: false,
          transient: code === EX_TEMPFAIL,
          message: `upload command "${name}" ${why}${said ? `: ${said}` : ''}`,
        });
      });
    });
}

function lastLine(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  return redact(lines[lines.length - 1] ?? '').slice(0, 300);
}
