import { jsonSchemas, serializeSchema } from '../config/json-schemas.js';
import { ConfigError } from '../model/errors.js';

const NAMES = {
  config: 'rollcall.schema.json',
  members: 'members.schema.json',
  people: 'people.schema.json',
  approvals: 'approvals.schema.json',
} as const;
export const SCHEMA_NAMES = Object.keys(NAMES) as (keyof typeof NAMES)[];

/** `rollcall schema [config|members|people|approvals]` as a library call: the JSON Schemas' text (all, keyed by file name). */
export function schemaText(which?: string): string {
  const all = jsonSchemas();
  if (which === undefined) return serializeSchema(all);
  if (!Object.hasOwn(NAMES, which))
    throw new ConfigError(`unknown schema "${which}"; known: ${SCHEMA_NAMES.join(', ')}`);
  return serializeSchema(all[NAMES[which as keyof typeof NAMES]]);
}
