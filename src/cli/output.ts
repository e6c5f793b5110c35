import { redact } from '../util/secrets.js';
import { colorEnabled } from './color.js';

/** Where the CLI writes. Everything passes through `redact`, so no secret can reach a terminal or a log. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Colors on a TTY, never with --no-color, NO_COLOR or TERM=dumb, always with FORCE_COLOR (cli/color.ts). */
  readonly color: boolean;
  readonly isTTY: boolean;
  /** Whether stderr, where progress goes, is a terminal (default: isTTY). */
  readonly stderrIsTTY?: boolean;
}

export function processOutput(): Output {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (t) => process.stdout.write(redact(t)),
    err: (t) => process.stderr.write(redact(t)),
    color: colorEnabled(isTTY),
    isTTY,
    stderrIsTTY: Boolean(process.stderr.isTTY),
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
