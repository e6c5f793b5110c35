import { z } from 'zod';
import { ApprovalsFile } from '../model/approval.js';
import { MembersFile } from '../model/members-file.js';
import { PeopleFile } from './people-schema.js';
import { ConfigFile } from './schema.js';

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

/** The JSON Schemas of rollcall's files, generated from the zod schemas (the single source). */
export function jsonSchemas(): Record<
  'rollcall.schema.json' | 'members.schema.json' | 'people.schema.json' | 'approvals.schema.json',
  unknown
> {
  return {
    'rollcall.schema.json': {
      ...z.toJSONSchema(ConfigFile, { io: 'input', target: 'draft-2020-12' }),
      $schema: DRAFT,
    },
    'members.schema.json': {
      ...z.toJSONSchema(MembersFile, { io: 'input', target: 'draft-2020-12' }),
      $schema: DRAFT,
    },
    'people.schema.json': {
      ...z.toJSONSchema(PeopleFile, { io: 'input', target: 'draft-2020-12' }),
      $schema: DRAFT,
    },
    'approvals.schema.json': {
      ...z.toJSONSchema(ApprovalsFile, { io: 'input', target: 'draft-2020-12' }),
      $schema: DRAFT,
    },
  };
}

/** How a schema file is written: stable, two-space JSON with a final newline. */
export function serializeSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
