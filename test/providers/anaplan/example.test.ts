import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeModelUsersExport } from '../../emulators/anaplan/export.js';
import { tenantFromExport } from '../../emulators/anaplan/from-files.js';
import { ROOT, STACK_LINE } from '../../helpers/cli.js';
import { tmpDir } from '../../helpers/tmp.js';
import type { ScimTestServer } from '../../scim-server/server.js';
import { anaplanScim, FPA, TOKEN } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The built CLI, run asynchronously: the SCIM server answers from this process. */
function cli(args: string[], cwd: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, 'bin/rollcall.js'), ...args, '-c', 'rollcall.yaml'],
      {
        cwd,
        env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ANAPLAN_TOKEN: TOKEN },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every file under a folder, as text. */
function allText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

/**
 * examples/anaplan through the built CLI, against the SCIM test server and the emulated model: plan, apply,
 * the import file imported as UPLOAD-ORDER.txt says, the users exported, plan. The token is nowhere.
 */
describe('examples/anaplan', () => {
  it('deactivates, invites and moves users over SCIM, writes one import file, and after its import plans nothing', async () => {
    server = await anaplanScim();
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/anaplan'), dir, { recursive: true });
    const config = path.join(dir, 'rollcall.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('${env:ANAPLAN_URL}', server.origin));
    const model = tenantFromExport(path.join(dir, 'export/model-users-2026-05-04.csv'), server.store, {
      name: 'FP&A Plan',
      roles: ['Full Access', 'Planner', 'Viewer'],
      selectiveAccess: ['Products Write', 'Products Read', 'Regions Write', 'Regions Read'],
      workspaces: [{ value: FPA, display: 'FP&A' }],
    });

    const plan = await cli(['plan', '--detailed-exitcode'], dir);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('Plan: 2 to invite, 3 to change, 1 to offboard, 0 blocked.');

    const apply = await cli(['apply', '--auto-approve'], dir);
    if (process.env.SHOW_CLI) console.log(plan.stdout, apply.stdout, apply.stderr);
    expect(apply.stderr).not.toMatch(STACK_LINE);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const runDir = /wrote (out\/[^/]+)\/01-model-users\.csv/.exec(apply.stderr)?.[1];
    expect(runDir, apply.stderr).toBeDefined();
    expect(server.store.userByName('james.moriarty@acme.com')!.active).toBe(false);
    expect(server.store.userByName('margaret.hamilton@acme.com')).toBeDefined();

    const order = readFileSync(path.join(dir, runDir!, 'UPLOAD-ORDER.txt'), 'utf8');
    if (process.env.SHOW_CLI) console.log(order);
    const files = [...order.matchAll(/^\s+\d+\. (\S+) /gm)].map((m) => m[1]!);
    expect(files).toEqual(['01-model-users.csv']);
    expect(readFileSync(path.join(dir, runDir!, files[0]!), 'utf8')).toBe(
      [
        'Email,First Name,Last Name,Model Role,Selective Access,SSO',
        'alan.turing@acme.com,,,Planner,,',
        'katherine.johnson@acme.com,,,,,true',
        'dorothy.vaughan@acme.com,Dorothy,Vaughan,Viewer,"Products Read, Regions Read",true',
        'margaret.hamilton@acme.com,Margaret,Hamilton,Planner,Regions Write,true',
        '',
      ].join('\r\n'),
    );
    for (const f of files) {
      const report = model.importFile(f, readFileSync(path.join(dir, runDir!, f)));
      expect(report.failed).toEqual([]);
    }
    writeModelUsersExport(model, path.join(dir, 'export/model-users-2026-05-05.csv'));

    const after = await cli(['plan', '--detailed-exitcode'], dir);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    const json = await cli(['plan', '--format', 'json'], dir);
    expect(json.code).toBe(0);

    for (const text of [plan, apply, after, json].flatMap((r) => [r.stdout, r.stderr]))
      expect(text).not.toContain(TOKEN);
    expect(allText(path.join(dir, '.rollcall'))).not.toContain(TOKEN); // the journal
    expect(allText(path.join(dir, 'out'))).not.toContain(TOKEN);
  });
});
