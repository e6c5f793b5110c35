import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../src/model/diagnostic.js';
import { ConfigError, ProviderError, ValidationError } from '../../../src/model/errors.js';
import type { ScimTestServer } from '../../scim-server/server.js';
import { acmeTenant, anaplanProject, anaplanScim } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const MEMBERS = `members:
  - { email: ada@acme.com, firstName: Ada, lastName: Lovelace, roles: ["FP&A", Planner] }
`;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (e) {
    return e as Error & { diagnostics?: Parameters<typeof formatDiagnostic>[0][] };
  }
  throw new Error('expected a failure');
}

describe('Anaplan model configuration and users export errors', () => {
  it('reports every problem of the users export, located; never reads it as an empty model', async () => {
    server = await anaplanScim();
    const p = anaplanProject(server, acmeTenant(server, []), { files: { 'fpa.yaml': MEMBERS } });
    const file = path.join(p.dir, 'export/model-users.csv');
    writeFileSync(
      file,
      [
        'Email,Model Role,SSO,Selective Access',
        'ada@acme.com,Planner,true,',
        'not-an-address,Viewer,yes,',
        'ADA@acme.com,Viewer,false,"Products Read"',
        'bob@acme.com,Viewer,false',
      ].join('\n'),
    );
    const e = await failure(p.plan());
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toMatch(/export\/model-users\.csv: invalid Anaplan model users export$/);
    expect(e.diagnostics!.map((d) => formatDiagnostic(d).replace(/^.*export\//, ''))).toEqual([
      'model-users.csv:3:1: invalid e-mail address "not-an-address"',
      'model-users.csv:3:23: SSO must be "true" or "false", found "yes"',
      'model-users.csv:4:1: user "ada@acme.com" is listed twice (also on line 2)',
      'model-users.csv:5:1: expected 4 fields separated by "," (as in the header), found 3',
    ]);

    writeFileSync(file, 'Email;Model Role\nada@acme.com;Planner\n');
    const semicolons = await failure(p.plan());
    expect(semicolons.diagnostics!.map((d) => d.message)).toEqual([
      'unknown column "Email;Model Role" (this file is read as comma-separated: .csv comma, .txt tab); columns are Email, User ID, First Name, Last Name, Model Role, Selective Access, SSO',
    ]);

    writeFileSync(file, 'Email,Selective Access\nada@acme.com,\n');
    expect((await failure(p.plan())).diagnostics!.map((d) => d.message)).toEqual([
      'column "Model Role" is missing; the header must name it',
    ]);

    rmSync(file);
    const missing = await failure(p.plan());
    expect(missing).toBeInstanceOf(ProviderError);
    expect(missing.message).toMatch(/export: no export file \(\*\.csv, \*\.txt\) in this directory$/);
  });

  it('needs a role catalog to manage a model, and names a misspelt setting', async () => {
    server = await anaplanScim();
    const p = anaplanProject(server, acmeTenant(server, []), { files: { 'fpa.yaml': MEMBERS } });
    const config = path.join(p.dir, 'rollcall.yaml');
    const text = readFileSync(config, 'utf8');

    writeFileSync(
      config,
      text.replace(/ {4}roles: .*\n/, '').replaceAll('roles: ["FP&A", Planner]', 'roles: []'),
    );
    const noCatalog = await failure(p.plan());
    expect(noCatalog).toBeInstanceOf(ConfigError);
    expect(noCatalog.message).toMatch(
      /rollcall\.yaml:\d+:\d+: target "acme-fpa": connection\.model needs a role catalog: list the model's roles \(its Roles tab\) and the workspaces under roles:$/,
    );

    writeFileSync(config, text.replace('export: export/', 'exprt: export/'));
    const typo = await failure(p.plan());
    expect(typo).toBeInstanceOf(ConfigError);
    expect(typo.message).toMatch(/connection: unknown key "exprt"/);
  });
});
