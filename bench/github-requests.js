#!/usr/bin/env node
// Counts the GitHub REST requests the github provider makes for an organization of 5,000 members in 20
// teams: a read (plan with nothing to do), and a plan and apply of 500 changes, against the fewest
// requests GitHub's REST API allows. Counting, not timing: the fake GitHub of test/github answers, and
// waits are milliseconds. Usage: node bench/github-requests.js   (BENCH_MEMBERS=500 for a quick run)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '-c', 'bench/github/vitest.config.ts'],
  { cwd: root, stdio: 'inherit' },
);
process.exit(r.status ?? 1);
