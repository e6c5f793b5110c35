import type { Command } from 'commander';
import { jsonSchemas, serializeSchema } from '../config/json-schemas.js';
import { ConfigError } from '../model/errors.js';
import type { Output } from './output.js';

const NAMES = { config: 'rollcall.schema.json', members: 'members.schema.json' } as const;

/** `rollcall schema [config|members]`: prints the JSON Schemas (all of them, keyed by file name). */
export function schema(which: string | undefined, io: Output): number {
  const all = jsonSchemas();
  if (which === undefined) {
    io.out(serializeSchema(all));
    return 0;
  }
  if (!Object.hasOwn(NAMES, which))
    throw new ConfigError(`unknown schema "${which}"; known: config, members`);
  io.out(serializeSchema(all[NAMES[which as keyof typeof NAMES]]));
  return 0;
}

export function schemaCommand(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  program
    .command('schema')
    .argument('[name]', 'config or members (default: both)')
    .description('print the JSON Schemas of rollcall.yaml and of members files')
    .action((name: string | undefined) => done(schema(name, io)));
}
