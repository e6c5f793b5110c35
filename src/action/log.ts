import * as core from '@actions/core';
import type { Output } from '../cli/output.js';
import { type Diagnostic, formatDiagnostic } from '../model/diagnostic.js';
import { redact } from '../util/secrets.js';

/** A progress line of the library, in the step's log. */
export function log(line: string): void {
  core.info(redact(line));
}

/** A warning from loading, as an annotation on its file. */
export function warn(d: Diagnostic): void {
  core.warning(redact(formatDiagnostic(d)), { file: d.file, startLine: d.line, startColumn: d.column });
}

/** Apply progress (src/cli/progress.ts: plain lines in `::group::` blocks) into the step's log. */
export const logOutput: Output = {
  out: (t) => process.stdout.write(redact(t)),
  err: (t) => process.stdout.write(redact(t)),
  color: false,
  isTTY: false,
};
