// The growth table: for 10k, 100k and 1M members (a generated 3DEXPERIENCE CSV, and a state file ~10 %
// different, as plan-1m.js), each measured in its own process, sizes interleaved over rounds:
//   csv-parse alone on the CSV bytes, against loadDesiredState on the same file;
//   JSON.parse alone on the state file, against readStateFile;
//   plan: load + read + planTarget/assemblePlan in one process (planning's share, µs per member, peak RSS).
//   (csv-parse alone twice: with `info: true`, the measure, and without, as the loader now runs it)
// Usage: npm run build && node bench/growth.js [rounds=3] [sizes=10000,100000,1000000]
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readAndPlan, seconds } from './plan-local.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dirOf = (n) => path.join(HERE, 'data', `growth-${n}`);

async function child(what, n) {
  const dir = dirOf(n);
  const csv = path.join(dir, 'members.csv');
  const stateFile = path.join(dir, 'state.json');
  const { loadConfig } = await import('../lib/config/load.js');
  const { loadDesiredState } = await import('../lib/desired/index.js');
  const { Diagnostics } = await import('../lib/model/diagnostic.js');
  const { readStateFile } = await import('../lib/providers/local/state-file.js');
  const { parse } = await import('csv-parse');
  const out = {};
  let t = process.hrtime.bigint();
  if (what === 'csv-parse' || what === 'csv-parse-lean') {
    // csv-parse as the loader used it before issue 16's second round (info: true, a copy of csv-parse's
    // info object per record), and without info, as the loader uses it now (it counts lines itself).
    let rows = 0;
    const info = what === 'csv-parse';
    const parser = createReadStream(csv, { highWaterMark: 65536 }).pipe(
      parse({ delimiter: ';', quote: '"', relax_column_count: true, skip_empty_lines: info, info }),
    );
    for await (const _ of parser) rows++;
    out.s = seconds(t);
    out.rows = rows;
  } else if (what === 'json-parse') {
    out.rows = JSON.parse(readFileSync(stateFile, 'utf8')).members.length;
    out.s = seconds(t);
  } else if (what === 'read') {
    out.rows = (await readStateFile(stateFile, 'state.json')).members.length;
    out.s = seconds(t);
  } else {
    const config = await loadConfig(path.join(dir, 'rollcall.yaml'));
    const target = config.targets[0];
    t = process.hrtime.bigint();
    const desired = await loadDesiredState(target, config, new Diagnostics());
    out.load = seconds(t);
    out.s = out.load;
    out.rows = desired.members.size;
    if (what === 'plan') {
      const planned = await readAndPlan(target, desired, stateFile);
      out.read = planned.read;
      out.plan = planned.planning;
      out.changes = planned.targetPlan.changes.length;
      out.s = out.load + out.read + out.plan;
    }
  }
  out.rss = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify(out));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], Number(process.argv[4]));
  process.exit(0);
}

const rounds = Number(process.argv[2] ?? 3);
const sizes = (process.argv[3] ?? '10000,100000,1000000').split(',').map(Number);
const config = readFileSync(path.join(HERE, 'rollcall.yaml'), 'utf8')
  .replace('members: [data/*.csv]', 'members: [members.csv]')
  .replace('state: data/state.json', 'state: state.json');
for (const n of sizes) {
  const dir = dirOf(n);
  if (existsSync(path.join(dir, 'state.json'))) continue;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'rollcall.yaml'), config);
  execFileSync(process.execPath, [
    path.join(HERE, 'generate-3dx-csv.js'),
    String(n),
    path.join(dir, 'members.csv'),
  ]);
  execFileSync(process.execPath, [
    path.join(HERE, 'generate-state.js'),
    path.join(dir, 'rollcall.yaml'),
    path.join(dir, 'state.json'),
  ]);
}

const WHAT = ['csv-parse', 'csv-parse-lean', 'load', 'json-parse', 'read', 'plan'];
const got = Object.fromEntries(sizes.map((n) => [n, Object.fromEntries(WHAT.map((w) => [w, []]))]));
for (let r = 0; r < rounds; r++)
  for (const n of sizes)
    for (const what of WHAT) {
      const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', what, String(n)], {
        encoding: 'utf8',
      });
      if (res.status !== 0) throw new Error(`${what} ${n}: ${res.stderr}`);
      got[n][what].push(JSON.parse(res.stdout));
    }

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x, d = 2) => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const show = (xs, d = 2) => `${f(median(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})`;
console.log(`node ${process.version}; ${rounds} rounds, sizes interleaved; medians (min–max)`);
console.log('| | ' + sizes.map((n) => n.toLocaleString('en-US')).join(' | ') + ' |');
console.log('| - | ' + sizes.map(() => '-').join(' | ') + ' |');
const row = (name, fn, d = 2) =>
  console.log(`| ${name} | ${sizes.map((n) => show(fn(got[n]), d)).join(' | ')} |`);
const pair = (g, a, b, k = 's') => g[a].map((x, i) => x[k] / g[b][i].s);
row('csv-parse alone (s)', (g) => g['csv-parse'].map((x) => x.s));
row('load (s)', (g) => g.load.map((x) => x.s));
row('**load / csv-parse**', (g) => pair(g, 'load', 'csv-parse'));
row('csv-parse without info (s)', (g) => g['csv-parse-lean'].map((x) => x.s));
row('load / csv-parse without info', (g) => pair(g, 'load', 'csv-parse-lean'));
row('JSON.parse alone (s)', (g) => g['json-parse'].map((x) => x.s));
row('read state (s)', (g) => g.read.map((x) => x.s));
row('**read / JSON.parse**', (g) => pair(g, 'read', 'json-parse'));
row('plan: load + read (s)', (g) => g.plan.map((x) => x.load + x.read));
row('plan: planning (s)', (g) => g.plan.map((x) => x.plan));
row('**plan / load of its inputs**', (g) => g.plan.map((x) => x.s / (x.load + x.read)));
row('planning µs / member', (g) => g.plan.map((x) => (x.plan / x.rows) * 1e6), 1);
row('plan peak RSS (MiB)', (g) => g.plan.map((x) => x.rss), 0);
console.log(`changes: ${sizes.map((n) => got[n].plan[0].changes.toLocaleString('en-US')).join(', ')}`);
