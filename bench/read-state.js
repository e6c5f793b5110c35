// Reading the local provider's state file against JSON.parse alone on the same bytes, and the cost of the
// actual-state digest, each in its own process, in alternating pairs; prints medians and min–max.
// Usage: npm run build && node bench/generate-3dx-csv.js && node bench/generate-state.js
//        node bench/read-state.js [pairs=3] [file=bench/data/state.json]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const seconds = (t) => Number(process.hrtime.bigint() - t) / 1e9;

if (process.argv[2] === '--child') {
  const [, , , what, file] = process.argv;
  const { readStateFile } = await import('../lib/providers/local/state-file.js');
  const { actualDigest } = await import('../lib/plan/digest.js');
  const t = process.hrtime.bigint();
  let out;
  if (what === 'parse') out = JSON.parse(readFileSync(file, 'utf8')).members.length;
  else {
    const state = await readStateFile(file, 'state.json');
    out = state.members.length;
    if (what === 'digest') {
      const d = process.hrtime.bigint();
      actualDigest(state);
      console.log(
        JSON.stringify({ s: seconds(d), members: out, rss: process.resourceUsage().maxRSS / 1024 }),
      );
      process.exit(0);
    }
  }
  console.log(JSON.stringify({ s: seconds(t), members: out, rss: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const pairs = Number(process.argv[2] ?? 3);
const file = process.argv[3] ?? path.join(HERE, 'data', 'state.json');
const run = (what) =>
  JSON.parse(
    spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', what, file], { encoding: 'utf8' })
      .stdout,
  );
const got = { parse: [], read: [], digest: [] };
for (let i = 0; i < pairs; i++) for (const what of ['parse', 'read', 'digest']) got[what].push(run(what));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (n, d = 2) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const show = (xs, d = 2) => `${f(median(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})`;
console.log(
  `node ${process.version}; ${got.read[0].members.toLocaleString('en-US')} members; ${pairs} rounds`,
);
for (const what of ['parse', 'read', 'digest'])
  console.log(
    `${what.padEnd(7)}: ${show(got[what].map((r) => r.s))} s, peak RSS ${show(
      got[what].map((r) => r.rss),
      0,
    )} MiB`,
  );
const ratio = got.read.map((r, i) => r.s / got.parse[i].s);
console.log(`read / JSON.parse: ${show(ratio)} (per pair)`);
