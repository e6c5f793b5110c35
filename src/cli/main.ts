import { Command, CommanderError } from 'commander';
import { formatDiagnostic, oneLine } from '../model/diagnostic.js';
import { RollcallError } from '../model/errors.js';
import { displayPath } from '../util/display-path.js';
import { describeFileSystemError, isFileSystemError } from '../util/fs-errors.js';
import { registerApply } from './apply.js';
import { finishHelp } from './help.js';
import { registerImport } from './import.js';
import { type Output, processOutput } from './output.js';
import { registerPlan } from './plan.js';
import { schemaCommand } from './schema.js';
import { registerTargets } from './targets.js';
import { validateCommand } from './validate.js';

export const VERSION = '0.1.0';

/**
 * The one exit point: runs a command and maps every error to an exit code (design §8) and a one-line
 * message. Nothing below src/cli calls process.exit.
 */
export async function main(argv: readonly string[], io: Output = processOutput()): Promise<number> {
  let result: number | Promise<number> = 0;
  const done = (code: number | Promise<number>) => {
    result = code;
  };
  const program = new Command('rollcall')
    .description('Keep SaaS platform membership equal to versioned files: plan, review, apply.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError('(run "rollcall --help" for usage)')
    .option('--no-color', 'no colors (also NO_COLOR=1 or TERM=dumb; FORCE_COLOR=1 forces them)');
  validateCommand(program, io, done);
  registerPlan(program, io, done);
  registerImport(program, io, done);
  registerApply(program, io, done);
  schemaCommand(program, io, done);
  registerTargets(program, io, done);
  finishHelp(program);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return await result;
  } catch (e) {
    return report(e, io);
  }
}

function report(e: unknown, io: Output): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 1;
  if (e instanceof RollcallError) {
    for (const d of e.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
    io.err(`rollcall: ${oneLine(e.message)}\n`);
    return e.exitCode;
  }
  // A file where a folder is expected, a symbolic link loop, a full disk: the user's to fix, said in one line.
  if (isFileSystemError(e)) {
    io.err(`rollcall: ${oneLine(describeFileSystemError(e, displayPath))}\n`);
    if (process.env.ROLLCALL_DEBUG) io.err(`${e.stack ?? ''}\n`);
    return 1;
  }
  const err = e as Error;
  io.err(`rollcall: internal error: ${oneLine(err?.message ?? String(e))}\n`);
  if (process.env.ROLLCALL_DEBUG) io.err(`${err?.stack ?? ''}\n`);
  return 1;
}
