// The Anaplan example end to end, offline: starts a local SCIM service where Anaplan has its SCIM API
// (/scim/1/0/v2), seeded with seed.json (the users of export/, with their workspace), runs validate → plan
// → apply → plan against it with rollcall, and stops the service. Apply does over SCIM what SCIM can and
// writes the model's user import file under out/<run id>/; until a workspace administrator imports it,
// the last plan still shows those rows (exit 2). Exit code: 0 when every step did what it should.
//
//   node examples/anaplan/demo.mjs
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScimServer } from '../scim/server.mjs';
import { runSteps } from '../scim/steps.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const config = path.relative(process.cwd(), path.join(here, 'rollcall.yaml')) || 'rollcall.yaml';
const seed = JSON.parse(readFileSync(path.join(here, 'seed.json'), 'utf8'));
const token = randomBytes(18).toString('base64url'); // a fresh secret: rollcall never prints it
const journal = path.join(mkdtempSync(path.join(os.tmpdir(), 'rollcall-anaplan-')), 'journal.jsonl');

const server = await startScimServer({ token, seed, basePath: '/scim/1/0/v2' });
let code = 0;
try {
  const env = {
    ...process.env,
    ANAPLAN_URL: server.url.replace(/\/scim\/1\/0\/v2$/, ''),
    ANAPLAN_TOKEN: token,
  };
  const steps = [
    { args: ['validate', '-c', config], expect: 0 },
    { args: ['plan', '-c', config], expect: 0 },
    { args: ['apply', '-c', config, '--auto-approve', '--journal', journal], expect: 0 },
    { args: ['plan', '-c', config, '--detailed-exitcode'], expect: 2 }, // the model import is still to do
  ];
  console.log(`Anaplan SCIM stand-in at ${server.url} (token in ANAPLAN_TOKEN)`);
  code = await runSteps(steps, env);
} finally {
  await server.close();
  rmSync(path.dirname(journal), { recursive: true, force: true });
}
process.exitCode = code;
