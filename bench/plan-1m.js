// Plans 1,000,000 desired members against 1,000,000 actual members (~10 % differing) and prints the time
// to only parse the inputs beside the time of the planner itself, and the peak memory.
// Usage: npm run build && node bench/generate-3dx-csv.js && node bench/generate-state.js && node bench/plan-1m.js
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import { loadDesiredState } from '../lib/desired/index.js';
import { Diagnostics } from '../lib/model/diagnostic.js';
import { readAndPlan, seconds } from './plan-local.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

const config = await loadConfig(path.join(HERE, 'rollcall.yaml'));
const target = config.targets[0];
const t = process.hrtime.bigint();
const desired = await loadDesiredState(target, config, new Diagnostics());
const parseDesired = seconds(t);
const {
  targetPlan,
  plan,
  actualMembers,
  read: parseActual,
  planning,
} = await readAndPlan(target, desired, path.join(HERE, 'data', 'state.json'));
const peak = (process.resourceUsage().maxRSS * 1024) / MiB;

const fmt = (n, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
console.log(`desired members   : ${fmt(desired.members.size)}`);
console.log(`actual members    : ${fmt(actualMembers)}`);
console.log(
  `changes           : ${fmt(targetPlan.changes.length)} (${Object.entries(targetPlan.summary)
    .filter(([, n]) => n)
    .map(([a, n]) => `${a} ${fmt(n)}`)
    .join(', ')})`,
);
console.log(`parse desired     : ${fmt(parseDesired, 2)} s`);
console.log(`parse actual      : ${fmt(parseActual, 2)} s`);
console.log(`parse (both)      : ${fmt(parseDesired + parseActual, 2)} s`);
console.log(`plan (pure)       : ${fmt(planning, 2)} s, digest ${plan.digest.slice(0, 19)}…`);
console.log(`peak RSS          : ${fmt(peak)} MiB (process.resourceUsage().maxRSS)`);
