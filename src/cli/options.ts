import { type Command, InvalidArgumentError, Option } from 'commander';

export interface CommonOptions {
  config: string;
  target: string[];
}

/**
 * A file or folder name given on the command line. An empty one (an unset variable in `rollcall apply "$PLAN"`)
 * is refused: taken as absent, it would apply a fresh plan instead of the reviewed one, or save nothing.
 */
export function pathArgument(value: string): string {
  if (value.trim() === '')
    throw new InvalidArgumentError(`expected a file name, got ${JSON.stringify(value)}`);
  return value;
}

/** `-c, --config` and the repeatable `--target`, on every command that reads a config. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'configuration file', pathArgument, 'rollcall.yaml')
    .addOption(
      new Option('--target <name>', 'only this target (repeatable)')
        .argParser((v: string, prev: string[] = []) => [...prev, v])
        .default([]),
    );
}
