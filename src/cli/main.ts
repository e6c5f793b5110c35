import { Command, CommanderError } from 'commander';
import { formatDiagnostic, oneLine } from '../model/diagnostic.js';
import { RollcallError } from '../model/errors.js';
import { displayPath } from '../util/display-path.js';
import { describeFileSystemError, isFileSystemError } from '../util/fs-errors.js';
import { finishHelp } from './help.js';
import { type Output, processOutput } from './output.js';

export const VERSION = '0.1.0';

type Register = (program: Command, io: Output, done: (code: number | Promise<number>) => void) => void;

/** Each command's module, imported only when that command runs (start-up: `--version` loads none). */
const COMMANDS: Record<string, () => Promise<Register>> = {
  validate: async () => (await import('./validate.js')).validateCommand,
  plan: async () => (await import('./plan.js')).registerPlan,
  import: async () => (await import('./import.js')).registerImport,
  apply: async () => (await import('./apply.js')).registerApply,
  schema: async () => (await import('./schema.js')).schemaCommand,
  targets: async () => (await import('./targets.js')).registerTargets,
  show: async () => (await import('./show.js')).registerShow,
};

/** The commands to register: the one named, none for a bare `--version`, else all (help, mistakes). */
function commandsFor(argv: readonly string[]): string[] {
  const named = argv.find((a) => !a.startsWith('-'));
  if (named !== undefined && Object.hasOwn(COMMANDS, named)) return [named];
  if (named === undefined && argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) return [];
  return Object.keys(COMMANDS);
}

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
  try {
    for (const name of commandsFor(argv)) (await COMMANDS[name]!())(program, io, done);
    finishHelp(program);
    await program.parseAsync(argv, { from: 'user' });
    return await result;
  } catch (e) {
    return report(e, io);
  }
}

async function report(e: unknown, io: Output): Promise<number> {
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
