import type { Command } from 'commander';
import { formatDiagnostic } from '../model/diagnostic.js';
import { validateRun } from '../run/validate.js';
import { plural } from '../util/plural.js';
import { type CommonOptions, withCommonOptions } from './options.js';
import type { Output } from './output.js';

/** `rollcall validate`: every problem of the config and the desired-state files, then a line per target. */
export async function validate(opts: CommonOptions, io: Output): Promise<number> {
  const outcome = await validateRun(opts.config, { targets: opts.target });
  for (const d of outcome.diagnostics) io.err(`${formatDiagnostic(d)}\n`);
  for (const t of outcome.targets)
    io.out(
      `${t.name}: ${plural(t.members, 'member')} in ${plural(t.files, 'file')}` +
        (t.errors ? `, ${plural(t.errors, 'error')}` : '') +
        '\n',
    );
  const n = outcome.errorCount;
  io.out(n === 0 ? 'valid\n' : `invalid: ${plural(n, 'error')}\n`);
  return n === 0 ? 0 : 1;
}

export function validateCommand(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  withCommonOptions(program.command('validate'))
    .description('load and check the configuration and all desired state; print every problem')
    .action((opts: CommonOptions) => done(validate(opts, io)));
}
