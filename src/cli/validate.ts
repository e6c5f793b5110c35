import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { loadDesiredState } from '../desired/index.js';
import { Diagnostics, formatDiagnostic } from '../model/diagnostic.js';
import { checkConnection } from '../providers/connection-check.js';
import { type CommonOptions, withCommonOptions } from './options.js';
import type { Output } from './output.js';

/** `rollcall validate`: loads the config and every desired-state file, prints every problem. */
export async function validate(opts: CommonOptions, io: Output): Promise<number> {
  // No secrets needed: a variable that is not set is a warning (validate runs on laptops and forks' PRs).
  const config = await loadConfig(opts.config, { targets: opts.target, unsetEnvIsWarning: true });
  const diags = new Diagnostics();
  diags.items.push(...config.warnings);
  const lines: string[] = [];
  for (const target of config.targets) {
    const before = diags.errorCount;
    await checkConnection(target, config, diags);
    const state = await loadDesiredState(target, config, diags);
    const errors = diags.errorCount - before;
    const files = state.files.length;
    lines.push(
      `${target.name}: ${state.members.size} member${state.members.size === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}` +
        (errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''),
    );
  }
  for (const d of diags.items) io.err(`${formatDiagnostic(d)}\n`);
  for (const l of lines) io.out(`${l}\n`);
  const n = diags.errorCount;
  io.out(n === 0 ? 'valid\n' : `invalid: ${n} error${n === 1 ? '' : 's'}\n`);
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
