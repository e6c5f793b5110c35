import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createProvider } from '../../src/providers/registry.js';
import { ScimProvider } from '../../src/providers/scim/index.js';
import type { ScimSettings } from '../../src/providers/scim/settings.js';
import { type ApplyOptions, applyRun } from '../../src/run/apply.js';
import { makePlan } from '../../src/run/plan.js';
import type { ScimTestServer } from '../scim-server/server.js';

export const TOKEN = 'scim-secret-token-5f2b9c71e4';

/** Settings of a ScimProvider built by a test: bearer TOKEN, one request at a time, no Bulk; `url` unused by a fake fetch. */
export function scimSettings(overrides: Partial<ScimSettings> = {}): ScimSettings {
  return {
    url: 'http://127.0.0.1:1/scim/v2',
    auth: { token: TOKEN },
    match: 'userName',
    hardDelete: false,
    bulk: false,
    concurrency: 1,
    timeoutMs: 5000,
    pageSize: 100,
    ...overrides,
  };
}
/** 40 teams of about 50, and admins. (SCIMMY handles a group's members in O(n²): keep groups small.) */
export const TEAMS = Array.from({ length: 40 }, (_, i) => `team-${String(i).padStart(2, '0')}`);
export const GROUPS = [...TEAMS, 'Admins'];

export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  roles: string[];
  state?: string;
}

/** `n` people, each in one of the teams, every tenth also an admin. */
export function people(n: number, from = 0): Person[] {
  return Array.from({ length: n }, (_, j) => {
    const i = from + j;
    const roles = [TEAMS[i % TEAMS.length]!];
    if (i % 10 === 0) roles.push('Admins');
    return {
      email: `user${String(i).padStart(5, '0')}@acme.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      roles,
    };
  });
}

export interface Project {
  dir: string;
  config: string;
  journal: string;
  env: Record<string, string>;
}

/** A rollcall project with one SCIM target pointing at the test server; members in YAML. */
export function writeProject(
  dir: string,
  server: ScimTestServer,
  members: Person[],
  connection: Record<string, unknown> = {},
  policy = '{ prune: true }',
  provider = 'scim',
): Project {
  const conn = { url: server.url, token: '${env:SCIM_TOKEN}', ...connection };
  writeFileSync(
    path.join(dir, 'rollcall.yaml'),
    [
      'version: 1',
      'targets:',
      '  - name: people',
      `    provider: ${provider}`,
      '    format: yaml',
      '    members: [members/*.yaml]',
      `    connection: ${JSON.stringify(conn)}`,
      `    policy: ${policy}`,
      '',
    ].join('\n'),
  );
  writeMembers(dir, members);
  return {
    dir,
    config: path.join(dir, 'rollcall.yaml'),
    journal: path.join(dir, 'journal.jsonl'),
    env: { SCIM_TOKEN: TOKEN },
  };
}

export function writeMembers(dir: string, members: Person[]): void {
  mkdirSync(path.join(dir, 'members'), { recursive: true });
  const lines = ['members:'];
  for (const m of members) {
    lines.push(`  - email: ${m.email}`);
    lines.push(`    firstName: ${m.firstName}`);
    lines.push(`    lastName: ${m.lastName}`);
    lines.push(`    roles: [${m.roles.join(', ')}]`);
    if (m.state) lines.push(`    state: ${m.state}`);
  }
  writeFileSync(path.join(dir, 'members/people.yaml'), `${lines.join('\n')}\n`);
}

export function plan(p: Project) {
  return makePlan(p.config, { env: p.env });
}

/** Apply without confirmation; time does not pass in retries (the waits asked for are collected). */
export function apply(p: Project, sleeps: number[] = [], options: Partial<ApplyOptions> = {}) {
  return applyRun(p.config, {
    ...options,
    env: p.env,
    autoApprove: true,
    journalPath: p.journal,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

/** Providers from the registry, with read retries that collect their waits instead of waiting. */
export function instantReads(readSleeps: number[]): ApplyOptions['createProvider'] {
  return async (target, config) => {
    const provider = await createProvider(target, config);
    const scim = provider instanceof ScimProvider ? provider : (provider as { scim?: ScimProvider }).scim;
    if (scim)
      scim.client.sleep = async (ms) => {
        readSleeps.push(ms);
      };
    return provider;
  };
}
