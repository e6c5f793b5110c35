import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnaplanProvider } from '../../../src/providers/anaplan/index.js';
import { type ApplyOptions, applyRun } from '../../../src/run/apply.js';
import { makePlan } from '../../../src/run/plan.js';
import type { Uploader } from '../../../src/util/upload-command.js';
import { scimAccounts } from '../../emulators/anaplan/accounts.js';
import { writeModelUsersExport } from '../../emulators/anaplan/export.js';
import { EmulatedAnaplanModel } from '../../emulators/anaplan/model.js';
import { tmpDir } from '../../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../../scim-server/server.js';

export const TOKEN = 'anaplan-token-7c41e9b2d8';
export const FPA = '8a868cd97f2c5e01017f3a2b';
export const SALES = '8a868cd97f2c5e01017f3a2c';
export const WORKSPACES = { 'FP&A': FPA, Sales: SALES };

/** Anaplan's SCIM API as far as rollcall uses it: its base path, 100 users a page, no Bulk. */
export function anaplanScim(): Promise<ScimTestServer> {
  return startScimServer({
    token: TOKEN,
    basePath: '/scim/1/0/v2',
    maxResults: 100,
    bulk: { supported: false },
  });
}

export interface TenantUser {
  email: string;
  firstName: string;
  lastName: string;
  workspaces?: string[];
  active?: boolean;
  /** In the model: its role (or No Access), selective access, SSO. */
  model?: { role?: string; access?: string[]; sso?: boolean };
}

/**
 * Acme's FP&A planning model: users in the tenant (SCIM) with their workspaces, and the model's users.
 * Its Roles tab has Full Access, Planner, Viewer; the catalog in rollcall.yaml also lists Reviewer, a role
 * the model does not have (yet), to see the import refuse it.
 */
export function acmeTenant(server: ScimTestServer, users: TenantUser[]): EmulatedAnaplanModel {
  const model = new EmulatedAnaplanModel({
    name: 'FP&A Plan',
    roles: ['Full Access', 'Planner', 'Viewer'],
    selectiveAccess: [
      'Products Write',
      'Products Read',
      'Products None',
      'Regions Write',
      'Regions Read',
      '@Regions All',
    ],
    accounts: scimAccounts(server.store),
  });
  for (const u of users) {
    server.store.addUser({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: u.email,
      active: u.active ?? true,
      name: { givenName: u.firstName, familyName: u.lastName },
      emails: [{ value: u.email, type: 'work', primary: true }],
      entitlements: (u.workspaces ?? ['FP&A']).map((w) => ({
        type: 'WORKSPACE',
        value: WORKSPACES[w as keyof typeof WORKSPACES],
        display: w,
      })),
    });
    if (u.model) model.seed({ email: u.email, ...u.model });
  }
  return model;
}

export const CATALOG = `{ "FP&A": {}, Sales: {}, "Full Access": {}, Planner: {}, Viewer: {}, Reviewer: {} }`;

/**
 * A rollcall project on the tenant. `uploads: true` hands each import file to the model as an upload
 * command would, and exports the model's users after each import (as a command that runs the import and
 * then the export would); without it the test imports the files itself.
 */
export function anaplanProject(
  server: ScimTestServer,
  model: EmulatedAnaplanModel,
  options: {
    files: Record<string, string>;
    /** A function answers for the platform instead (undefined: import as usual). */
    uploads?: boolean | ((file: string) => Awaited<ReturnType<Uploader>> | undefined);
    /** The upload command also exports the model's users (default true). */
    exportAfterUpload?: boolean;
    fileFormat?: 'csv' | 'txt';
    policy?: string;
    connection?: string;
  },
) {
  const dir = tmpDir({
    'rollcall.yaml': [
      'version: 1',
      'targets:',
      '  - name: acme-fpa',
      '    provider: anaplan',
      '    members: [members/*]',
      '    connection:',
      `      url: ${server.origin}`,
      '      token: ${env:ANAPLAN_TOKEN}',
      `      workspaces: ${JSON.stringify(WORKSPACES)}`,
      `      model: { name: FP&A Plan, export: export/, fileFormat: ${options.fileFormat ?? 'csv'}${options.connection ? `, ${options.connection}` : ''} }`,
      `    roles: ${CATALOG}`,
      `    policy: { ${options.policy ?? 'prune: false'} }`,
      '',
    ].join('\n'),
    ...Object.fromEntries(Object.entries(options.files).map(([n, c]) => [`members/${n}`, c])),
  });
  const config = path.join(dir, 'rollcall.yaml');
  const exportFile = path.join(dir, 'export/model-users.csv');
  const refresh = () => writeModelUsersExport(model, exportFile);
  refresh();
  const logs: string[] = [];
  const upload: Uploader = async (file) => {
    const answer = typeof options.uploads === 'function' ? options.uploads(file) : undefined;
    if (answer) return answer;
    const report = model.importFile(path.basename(file), readFileSync(file));
    if (report.error) return { ok: false, message: report.error };
    if (options.exportAfterUpload !== false) refresh();
    return { ok: true };
  };
  const env = { ANAPLAN_TOKEN: TOKEN };
  const createProvider: ApplyOptions['createProvider'] = (t, c) =>
    createAnaplanProvider(t, c, options.uploads ? { upload } : {});
  const outDir = path.join(dir, '.rollcall/anaplan/acme-fpa');
  const runFiles = (runId: string) =>
    readdirSync(path.join(outDir, runId))
      .filter((f) => /^\d+-model-users\.(csv|txt)$/.test(f))
      .sort()
      .map((f) => path.join(outDir, runId, f));
  return {
    dir,
    config,
    env,
    logs,
    outDir,
    refresh,
    runFiles,
    plan: async () => (await makePlan(config, { env, createProvider })).plan.targets[0]!,
    apply: (extra: Partial<ApplyOptions> = {}) =>
      applyRun(config, {
        env,
        autoApprove: true,
        journalPath: path.join(dir, 'journal.jsonl'),
        createProvider,
        log: (line) => logs.push(line),
        sleep: async () => {},
        ...extra,
      }),
    /** What an administrator does with a run's files: import each, in order, then export the users. */
    importByHand: (runId: string) => {
      const reports = runFiles(runId).map((f) => model.importFile(path.basename(f), readFileSync(f)));
      refresh();
      return reports;
    },
  };
}

/** "grant grace@acme.com [Planner]", "update alan@acme.com sso=true". */
export function brief(
  changes: { action: string; key: string; roles?: string[]; after?: Record<string, unknown> }[],
) {
  return changes.map((c) => {
    const roles = c.roles ? ` [${c.roles.join(', ')}]` : '';
    const after = c.after
      ? ` ${Object.entries(c.after)
          .filter(([k]) => k === 'sso' || k === 'access')
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
          .join(' ')}`
      : '';
    return `${c.action} ${c.key}${roles}${after}`.trimEnd();
  });
}
