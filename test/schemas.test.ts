import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchemas, serializeSchema } from '../src/config/json-schemas.js';
import { ROOT } from './helpers/cli.js';

/**
 * schemas/*.json are generated from the zod schemas and committed; editors validate rollcall.yaml and
 * members files with them. They must not drift, and every example must satisfy them.
 */
const generated = jsonSchemas();
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');

describe('committed JSON Schemas', () => {
  it('are the ones generated from the zod schemas', async () => {
    const committed = (await glob('schemas/*.json', { cwd: ROOT })).sort();
    expect(committed, 'schemas/ holds exactly the generated files').toEqual(
      Object.keys(generated)
        .map((name) => `schemas/${name}`)
        .sort(),
    );
    for (const [name, schema] of Object.entries(generated)) {
      expect(read(`schemas/${name}`), `schemas/${name} is stale: run \`npm run schemas\``).toBe(
        serializeSchema(schema),
      );
    }
  });
});

function validator(name: keyof typeof generated) {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(read(`schemas/${name}`)));
}

/**
 * Every example config, and every YAML members file: those its targets name (through their globs) and any
 * YAML file under examples/ whose modeline points at members.schema.json.
 */
async function examples(): Promise<{ configs: string[]; members: string[] }> {
  const configs = (await glob('examples/**/rollcall.yaml', { cwd: ROOT })).sort();
  const members = new Set<string>();
  for (const config of configs) {
    const dir = path.dirname(config);
    const doc = parse(read(config)) as { targets?: { members?: string[] }[] };
    for (const target of doc.targets ?? [])
      for (const pattern of target.members ?? []) {
        for (const file of await glob(pattern, { cwd: path.join(ROOT, dir) }))
          if (/\.ya?ml$/.test(file)) members.add(path.join(dir, file));
      }
  }
  for (const file of await glob('examples/**/*.{yaml,yml}', { cwd: ROOT }))
    if (/^#\s*yaml-language-server:\s*\$schema=\S*members\.schema\.json/m.test(read(file))) members.add(file);
  return { configs, members: [...members].sort() };
}

describe('examples', async () => {
  const { configs, members } = await examples();
  const validConfig = validator('rollcall.schema.json');
  const validMembers = validator('members.schema.json');

  it('include the quickstart, with a YAML members file', () => {
    expect(configs).toContain('examples/quickstart/rollcall.yaml');
    expect(members).toContain('examples/quickstart/members/design-team.yaml');
  });

  it.each(configs)('%s satisfies rollcall.schema.json', (file) => {
    const ok = validConfig(parse(read(file)));
    expect(validConfig.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each(members)('%s satisfies members.schema.json', (file) => {
    const ok = validMembers(parse(read(file)));
    expect(validMembers.errors ?? [], file).toEqual([]);
    expect(ok).toBe(true);
  });
});

describe('the schemas', () => {
  const validConfig = validator('rollcall.schema.json');
  const validMembers = validator('members.schema.json');
  const target = { name: 't', provider: 'local', members: ['m.yaml'] };

  it.each([
    ['an unknown key', { version: 1, targets: [{ ...target, polcy: {} }] }],
    ['an unknown provider', { version: 1, targets: [{ ...target, provider: 'sharepoint' }] }],
    ['another version', { version: 2, targets: [target] }],
    ['no target', { version: 1, targets: [] }],
    ['a bad maxRemovals', { version: 1, targets: [{ ...target, policy: { maxRemovals: 'lots' } }] }],
  ])('reject a config with %s, like the loader', (_, config) => {
    expect(validConfig(config)).toBe(false);
  });

  it.each([
    ['an unknown key', { members: [{ email: 'a@b.co', fristName: 'A' }] }],
    ['an unknown location', { members: [{ email: 'a@b.co', location: 'MARS1' }] }],
    ['an unknown state', { members: [{ email: 'a@b.co', state: 'gone' }] }],
    ['no members', { defaults: {} }],
  ])('reject a members file with %s, like the loader', (_, file) => {
    expect(validMembers(file)).toBe(false);
  });
});
