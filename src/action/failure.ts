import * as core from '@actions/core';
import { formatDiagnostic, oneLine } from '../model/diagnostic.js';
import {
  ConfigError,
  PolicyError,
  ProviderError,
  RollcallError,
  StalePlanError,
  ValidationError,
} from '../model/errors.js';
import { displayPath } from '../util/display-path.js';
import { describeFileSystemError, isFileSystemError } from '../util/fs-errors.js';
import { redact } from '../util/secrets.js';
import { InputError } from './inputs.js';
import { warn } from './log.js';

/** Apply finished, but some changes failed or were skipped (the CLI's exit code 4). */
export class ApplyFailedError extends RollcallError {
  readonly exitCode = 4;
}

/**
 * The `failure-reason` output: held, stale, tampered, not-confirmed, refused (the refusals of
 * design §8), invalid-input, invalid-config, provider-error, apply-failed, or error.
 */
export function failureReason(e: unknown): string {
  if (e instanceof PolicyError || e instanceof StalePlanError) return e.reason;
  if (e instanceof InputError) return 'invalid-input';
  if (e instanceof ConfigError || e instanceof ValidationError) return 'invalid-config';
  if (e instanceof ProviderError) return 'provider-error';
  if (e instanceof ApplyFailedError) return 'apply-failed';
  return 'error';
}

/** Each located problem as an annotation on its file, then the step fails with one line. */
export function fail(e: unknown): void {
  if (e instanceof RollcallError) {
    for (const d of e.diagnostics) {
      if (d.severity === 'warning') warn(d);
      else
        core.error(redact(formatDiagnostic(d)), { file: d.file, startLine: d.line, startColumn: d.column });
    }
  } else core.debug(redact((e as Error)?.stack ?? String(e)));
  core.setOutput('failure-reason', failureReason(e));
  const message =
    e instanceof RollcallError
      ? e.message
      : isFileSystemError(e)
        ? describeFileSystemError(e, displayPath)
        : `internal error: ${(e as Error)?.message ?? String(e)}`;
  core.setFailed(redact(`rollcall: ${oneLine(message)}`));
}
