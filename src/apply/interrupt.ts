import { RollcallError } from '../model/errors.js';

/** Exit code of a run stopped by a signal, as shells report it: 128 + the signal's number. */
export function signalExitCode(signal: unknown): number {
  return signal === 'SIGTERM' ? 143 : 130;
}

/** The run was interrupted (Ctrl-C, SIGTERM) before it changed anything. */
export class InterruptedError extends RollcallError {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface Interrupts {
  /** Aborted (with the signal's name as reason) at the first SIGINT or SIGTERM: start nothing new. */
  readonly stop: AbortSignal;
  dispose(): void;
}

/**
 * Graceful shutdown, as Terraform does it: the first SIGINT/SIGTERM aborts `stop` (changes in flight finish
 * and are journaled, no new one starts, the locks are released); a second one ends the process at once
 * (the journal is written synchronously, entry by entry, so it stays whole).
 */
export function watchInterrupts(
  say: (line: string) => void,
  exit: (code: number) => void = (code) => process.exit(code),
): Interrupts {
  const controller = new AbortController();
  const on = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      say(`${signal} again: stopping now; the journal has every change that was sent`);
      exit(signalExitCode(signal));
      return;
    }
    say(
      `${signal}: stopping: no new change is started, those in flight finish (${signal === 'SIGINT' ? 'Ctrl-C' : 'send it'} again to stop at once)`,
    );
    controller.abort(signal);
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  return {
    stop: controller.signal,
    dispose() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}
