import { redact } from '../util/secrets.js';

/** Where the CLI writes. Everything passes through `redact`, so no secret can reach a terminal or a log. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colors only on a TTY, never with NO_COLOR. */
  readonly color: boolean;
  readonly isTTY: boolean;
}

export function processOutput(): Output {
  const isTTY = Boolean(process.stdout.isTTY);
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    out: (t) => process.stdout.write(redact(t)),
    err: (t) => process.stderr.write(redact(t)),
    color: isTTY && !noColor,
    isTTY,
  };
}

/** An Output that keeps what is written, for tests. */
export function memoryOutput(): Output & { stdout: string; stderr: string } {
  const o = {
    stdout: '',
    stderr: '',
    color: false,
    isTTY: false,
    out(t: string) {
      o.stdout += redact(t);
    },
    err(t: string) {
      o.stderr += redact(t);
    },
  };
  return o;
}
