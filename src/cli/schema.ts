import type { Command } from 'commander';
import { schemaText } from '../run/schema.js';
import type { Output } from './output.js';

/** `rollcall schema [config|members]`: prints the JSON Schemas (all of them, keyed by file name). */
export function schema(which: string | undefined, io: Output): number {
  io.out(schemaText(which));
  return 0;
}

export function schemaCommand(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  program
    .command('schema')
    .argument('[name]', 'config, members, people or approvals (default: all)')
    .description('print the JSON Schemas of rollcall.yaml, members files and people files')
    .action((name: string | undefined) => done(schema(name, io)));
}
