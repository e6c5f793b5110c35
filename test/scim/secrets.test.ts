import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { renderReport } from '../../src/apply/report.js';
import { renderPlan } from '../../src/render/index.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, GROUPS, people, plan, TOKEN, writeProject } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const BASIC_AUTH = Buffer.from(`u:${TOKEN}`).toString('base64');

function clean(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(BASIC_AUTH);
}

/** The built CLI, run asynchronously (the SCIM server answers from this process). */
function cli(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number; out: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/rollcall.js'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

it('the token appears in no plan, output, journal, report or error, even when the server quotes it back', async () => {
  server = await startScimServer({ token: TOKEN, bulk: { supported: true, maxOperations: 20 } });
  for (const g of GROUPS) server.store.addGroup(g);
  const p = writeProject(tmpDir(), server, people(30));
  server.control.echoAuthorization = true;

  const planned = await plan(p);
  for (const format of ['text', 'markdown', 'json'] as const) clean(renderPlan(planned.plan, format));

  // Permanent failures whose SCIM detail quotes the Authorization header.
  server.control.failNext(2, 400);
  const out = await apply(p);
  const report = out.report!.targets[0]!;
  expect(report.failures.length).toBeGreaterThan(0);
  // The Authorization value is a secret of its own, which holds the token: masked whole.
  expect(report.failures[0]!.error).toContain('***');
  clean(renderReport(out.report!));
  clean(JSON.stringify(out));
  clean(readFileSync(p.journal, 'utf8'));

  // Through the CLI: plan, apply with a failure quoting the token, and a wrong token.
  const env = { ...p.env, NO_COLOR: '1' };
  const shown = await cli(['plan', '--format', 'json'], p.dir, env);
  expect(shown.code).toBe(0);
  clean(shown.out);
  server.control.failNext(1, 503);
  server.control.failNext(1, 400);
  const applied = await cli(['apply', '--auto-approve'], p.dir, env);
  if (process.env.SHOW_CLI) console.log(applied.out);
  clean(applied.out);
  clean(readFileSync(path.join(p.dir, '.rollcall/journal.jsonl'), 'utf8'));
  const refused = await cli(['plan'], p.dir, { SCIM_TOKEN: `${TOKEN}-wrong`, NO_COLOR: '1' });
  expect(refused.code).not.toBe(0);
  expect(refused.out).toMatch(/401/);
  expect(refused.out).not.toContain(`${TOKEN}-wrong`);
});
