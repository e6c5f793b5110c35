// The SCIM example end to end, offline: starts a local SCIM service seeded with seed.json, runs
// validate → plan → apply → plan against it with rollcall, and stops the service. Exit code: 0 when every
// step did what it should (the last plan is empty), else the first step's that did not.
//
//   node examples/scim/demo.mjs
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScimServer } from './server.mjs';
import { runSteps } from './steps.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = path.relative(process.cwd(), path.join(here, 'rollcall.yaml')) || 'rollcall.yaml';
const seed = JSON.parse(readFileSync(path.join(here, 'seed.json'), 'utf8'));
const token = randomBytes(18).toString('base64url'); // a fresh secret: rollcall never prints it
const journal = path.join(mkdtempSync(path.join(os.tmpdir(), 'rollcall-scim-')), 'journal.jsonl');

const server = await startScimServer({ token, seed });
let code = 0;
try {
  const env = { ...process.env, SCIM_URL: server.url, SCIM_TOKEN: token };
  const steps = [
    { args: ['validate', '-c', config], expect: 0 },
    { args: ['plan', '-c', config], expect: 0 },
    { args: ['apply', '-c', config, '--auto-approve', '--journal', journal], expect: 0 },
    { args: ['plan', '-c', config, '--detailed-exitcode'], expect: 0 },
  ];
  console.log(`SCIM service at ${server.url} (token in SCIM_TOKEN)`);
  code = await runSteps(steps, env);
} finally {
  await server.close();
  rmSync(path.dirname(journal), { recursive: true, force: true });
}
process.exitCode = code;
