import type { Command } from 'commander';
import { formatDiagnostic } from '../model/diagnostic.js';
import { targetsRun } from '../run/targets.js';
import { pathArgument } from './options.js';
import type { Output } from './output.js';

/** `rollcall targets [--json]`: the configured targets, one a line, or as JSON for a workflow matrix. */
export async function targetsCommand(opts: { config: string; json?: boolean }, io: Output): Promise<number> {
  const { targets, warnings } = await targetsRun(opts.config);
  for (const w of warnings) io.err(`${formatDiagnostic(w)}\n`);
  if (opts.json) {
    io.out(`${JSON.stringify(targets)}\n`);
    return 0;
  }
  const width = Math.max(0, ...targets.map((t) => t.name.length));
  for (const t of targets) io.out(`${t.name.padEnd(width)}  ${t.provider}  ${t.members.join(', ')}\n`);
  return 0;
}

export function registerTargets(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  program
    .command('targets')
    .description('list the configured targets (no platform is read, no credentials needed)')
    .option('-c, --config <file>', 'configuration file', pathArgument, 'rollcall.yaml')
    .option('--json', 'print a JSON array of {name, provider, format, members}, for a workflow matrix')
    .action((opts: { config: string; json?: boolean }) => done(targetsCommand(opts, io)));
}
