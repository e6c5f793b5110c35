import { type Command, Option } from 'commander';

export interface CommonOptions {
  config: string;
  target: string[];
}

/** `-c, --config` and the repeatable `--target`, on every command that reads a config. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file', 'rollcall.yaml')
    .addOption(
      new Option('--target <name>', 'only this target (repeatable)')
        .argParser((v: string, prev: string[] = []) => [...prev, v])
        .default([]),
    );
}
