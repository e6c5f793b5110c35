// Start-up: CPU (user + system, /usr/bin/time) of `rollcall --version` and of `validate` of a 10-member
// YAML file, each run `runs` times alternating; prints medians and min–max. Goal: under 0.3 s of CPU.
// Usage: npm run build && node bench/startup.js [runs=5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.join(HERE, '..', 'bin', 'rollcall.js');
const dir = path.join(HERE, 'data', 'startup');
mkdirSync(dir, { recursive: true });
writeFileSync(
  path.join(dir, 'rollcall.yaml'),
  'version: 1\ntargets:\n  - name: t\n    provider: local\n    members: [members.yaml]\n    connection: { state: state.json }\n',
);
writeFileSync(
  path.join(dir, 'members.yaml'),
  `members:\n${Array.from({ length: 10 }, (_, i) => `  - email: user${i}@acme.com\n`).join('')}`,
);

function cpu(args) {
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  const [u, s] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return u + s;
}
const runs = Number(process.argv[2] ?? 5);
const got = { node: [], version: [], validate: [] };
for (let i = 0; i < runs; i++) {
  got.node.push(cpu(['-e', '0']));
  got.version.push(cpu([BIN, '--version']));
  got.validate.push(cpu([BIN, 'validate', '-c', 'rollcall.yaml']));
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`node ${process.version}; ${runs} runs each, alternating; CPU seconds (user + system)`);
for (const [k, xs] of Object.entries(got))
  console.log(
    `${k.padEnd(9)}: ${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}) s`,
  );
