import type { Diagnostic } from './diagnostic.js';

/**
 * The few typed errors of rollcall. Deep code throws them; only src/cli maps them to exit codes
 * (design §8) and prints them, one line each, never with a stack trace.
 */
export abstract class RollcallError extends Error {
  abstract readonly exitCode: number;
  /** Located problems, printed one per line before the message. */
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[] = []) {
    super(message);
    this.name = new.target.name;
    this.diagnostics = diagnostics;
  }
}

/** rollcall.yaml is missing, malformed or inconsistent, or the command line is wrong. */
export class ConfigError extends RollcallError {
  readonly exitCode = 1;
}

/** A desired-state file or a state file is invalid. */
export class ValidationError extends RollcallError {
  readonly exitCode = 1;
}

/** A platform could not be read or written. */
export class ProviderError extends RollcallError {
  readonly exitCode = 1;
}

/** A saved plan no longer matches the target's actual state, or its digest does not match its content. */
export class StalePlanError extends RollcallError {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly reason: 'stale' | 'tampered' = 'stale',
  ) {
    super(message);
  }
}

/** The plan is refused by policy: held over maxRemovals, not confirmed. */
export class PolicyError extends RollcallError {
  readonly exitCode = 3;
  constructor(
    message: string,
    readonly reason: 'held' | 'not-confirmed' | 'refused' = 'refused',
  ) {
    super(message);
  }
}
