// Local provider apply against plan on the same inputs: N members in the state file, N + M in the desired
// CSV, so the plan is M invites. Runs the CLI (bin/rollcall.js → lib/) in alternating pairs — plan, then
// apply on a fresh copy of the state — and prints medians and min–max, the state-file writes and bytes.
// Usage: npm run build && node bench/local-apply.js [members=100000] [invites=10000] [pairs=3]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', 'bin', 'rollcall.js');
const members = Number(process.argv[2] ?? 100_000);
const invites = Number(process.argv[3] ?? 10_000);
const pairs = Number(process.argv[4] ?? 3);
const dir = path.join(HERE, 'data', `apply-${members}-${invites}`);

const user = (i) => `user.${i}@acme.com`;
if (!existsSync(path.join(dir, 'state.orig.json'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'rollcall.yaml'),
    [
      'version: 1',
      'targets:',
      '  - name: bench-local',
      '    provider: local',
      '    format: 3dexperience',
      '    members: [members.csv]',
      '    connection: { state: state.json }',
      '    roles: { CSV: {}, XEN: { requires: [CSV] } }',
      '',
    ].join('\n'),
  );
  const rows = ['user;rights;agreement;roles;mail;remove;passport;force;location'];
  for (let i = 0; i < members + invites; i++)
    rows.push(`${user(i)};member;employee;${i % 3 ? 'CSV' : 'CSV,XEN'};no;;;;EU1`);
  writeFileSync(path.join(dir, 'members.csv'), `${rows.join('\n')}\n`);
  // The first N are on the platform already, exactly as desired; the last M are invited.
  const lines = [];
  for (let i = 0; i < members; i++)
    lines.push(
      JSON.stringify({
        key: user(i),
        email: user(i),
        status: 'active',
        admin: false,
        external: false,
        roles: i % 3 ? ['CSV'] : ['CSV', 'XEN'],
        location: 'EU1',
      }),
    );
  writeFileSync(path.join(dir, 'state.orig.json'), `{"seats":{},"members":[\n${lines.join(',\n')}\n]}\n`);
}

/** Runs the CLI; wall seconds, peak RSS (MiB) and user+sys CPU seconds via /usr/bin/time. */
function run(args) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M %U %S', process.execPath, BIN, ...args, '-c', 'rollcall.yaml'],
    {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  const last = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  if (r.status !== 0 && r.status !== 2)
    throw new Error(`${args[0]} exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return { wall, rss: last[0] / 1024, cpu: last[1] + last[2], stdout: r.stdout };
}

const statePath = path.join(dir, 'state.json');
const journal = path.join(dir, '.rollcall', 'journal.jsonl');
const results = { plan: [], apply: [] };
let planned;
for (let p = 0; p < pairs; p++) {
  copyFileSync(path.join(dir, 'state.orig.json'), statePath);
  const plan = run(['plan', '--format', 'json']);
  planned ??= JSON.parse(plan.stdout).targets[0].summary;
  results.plan.push(plan);
  copyFileSync(path.join(dir, 'state.orig.json'), statePath);
  const before = existsSync(journal) ? statSync(journal).size : 0;
  const apply = run(['apply', '--auto-approve']);
  apply.journalBytes = statSync(journal).size - before;
  results.apply.push(apply);
}
const check = run(['plan', '--detailed-exitcode']);
if (!/No changes/i.test(check.stdout))
  console.warn('warning: the apply did not converge:\n', check.stdout.slice(0, 500));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (n, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const show = (xs, d = 2) => `${f(median(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})`;
const ratios = results.apply.map((a, i) => a.wall / results.plan[i].wall);
console.log(
  `node ${process.version}; ${members.toLocaleString('en-US')} members in the state, ${invites.toLocaleString('en-US')} invites; ${pairs} alternating pairs`,
);
console.log(`plan summary      : ${JSON.stringify(planned)}`);
console.log(
  `state file        : ${f(statSync(path.join(dir, 'state.orig.json')).size / 2 ** 20, 1)} MiB before, ${f(statSync(statePath).size / 2 ** 20, 1)} MiB after`,
);
console.log(
  `plan  wall        : ${show(results.plan.map((r) => r.wall))} s, cpu ${show(results.plan.map((r) => r.cpu))} s, peak ${show(
    results.plan.map((r) => r.rss),
    0,
  )} MiB`,
);
console.log(
  `apply wall        : ${show(results.apply.map((r) => r.wall))} s, cpu ${show(results.apply.map((r) => r.cpu))} s, peak ${show(
    results.apply.map((r) => r.rss),
    0,
  )} MiB`,
);
console.log(`apply / plan      : ${show(ratios)} (per pair)`);
console.log(`journal per apply : ${f(median(results.apply.map((r) => r.journalBytes)) / 2 ** 20, 1)} MiB`);
