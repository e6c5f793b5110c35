import { type Command, Option } from 'commander';
import { FORMATS, type FormatName } from '../formats/index.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import { importRun } from '../run/import.js';
import { plural } from '../util/plural.js';
import { importDiff } from './import-diff.js';
import { type CommonOptions, pathArgument, withCommonOptions } from './options.js';
import type { Output } from './output.js';

export interface ImportCommandOptions extends CommonOptions {
  format?: FormatName;
  out?: string;
  force?: boolean;
  diff?: boolean;
  write?: boolean;
}

/** Lines of differences shown before "and N more". */
const SHOWN = 10;

/** `rollcall import`: writes one target's actual state as a desired-state file (see run/import.ts). */
export async function importCommand(opts: ImportCommandOptions, io: Output): Promise<number> {
  if (opts.target.length !== 1)
    throw new ConfigError(
      `import needs exactly one --target NAME (got ${opts.target.length === 0 ? 'none' : opts.target.join(', ')})`,
    );
  const outcome = await importRun(opts.config, {
    target: opts.target[0]!,
    format: opts.format,
    out: opts.out,
    force: opts.force,
    mode: opts.diff ? 'diff' : opts.write ? 'write' : undefined,
    log: io.isTTY ? undefined : (line) => io.err(`${line}\n`),
    onWarnings: (warnings) => {
      for (const w of warnings) io.err(`${formatDiagnostic(w)}\n`);
    },
  });
  // --diff: the drift as a change to the file, exit 2 when there is one (like plan --detailed-exitcode).
  if (opts.diff) {
    if (!outcome.changed) io.err(`${outcome.shown}: no drift: the platform matches the file\n`);
    else io.out(importDiff(outcome.shown, outcome.previous, outcome.text, io.color));
    return outcome.changed ? 2 : 0;
  }
  if (opts.write && !outcome.changed) {
    io.out(`${outcome.shown}: unchanged: the platform matches the file\n`);
    return 0;
  }
  for (const line of [...outcome.written, ...outcome.hint]) io.out(`${line}\n`);
  const n = outcome.differences.length;
  if (n > 0) {
    io.err(
      `warning: a plan against ${outcome.shown} would still show ${plural(n, 'change')}: the target's defaults and role catalog apply to the file too${outcome.writesStates ? '' : ", and the members it leaves out are subject to the target's policy.prune"}\n`,
    );
    for (const d of outcome.differences.slice(0, SHOWN)) io.err(`  ${d}\n`);
    if (n > SHOWN) io.err(`  … and ${n - SHOWN} more\n`);
  }
  return 0;
}

export function registerImport(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  withCommonOptions(program.command('import'))
    .description("write a target's actual state as desired-state files; a plan right after is empty")
    .addOption(
      new Option('--format <format>', "format to write (default: the target's format)").choices(FORMATS),
    )
    .option('--out <dir>', 'directory to write <target>.yaml or <target>.csv in', pathArgument, '.')
    .option('--force', 'overwrite the file if it exists')
    .addOption(
      new Option(
        '--diff',
        'write nothing; print the drift as a unified diff of the file (exit 2 when it differs)',
      ).conflicts(['write', 'force']),
    )
    .option('--write', 'update the file in place when the platform differs from it (a sync)')
    .action((opts: ImportCommandOptions) => done(importCommand(opts, io)));
}
