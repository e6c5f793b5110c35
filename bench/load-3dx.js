// Loads bench/data/*.csv through loadDesiredState (compiled lib/, run `npm run build` first) and prints
// rows, time, throughput and peak memory. Usage: node bench/load-3dx.js (after bench/generate-3dx-csv.js)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import { loadDesiredState } from '../lib/desired/index.js';
import { Diagnostics } from '../lib/model/diagnostic.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

const config = await loadConfig(path.join(HERE, 'rollcall.yaml'));
const diags = new Diagnostics();
const start = process.hrtime.bigint();
let members = 0;
for (const target of config.targets) {
  const state = await loadDesiredState(target, config, diags);
  members += state.members.size;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
// With --expose-gc, the heap after a full collection is what the loaded members really keep.
globalThis.gc?.();
const heap = process.memoryUsage().heapUsed;
// maxRSS is in kilobytes (KiB).
const peak = (process.resourceUsage().maxRSS * 1024) / MiB;

if (diags.errorCount > 0) {
  for (const d of diags.items.slice(0, 5)) console.error(`${d.file}:${d.line}:${d.column}: ${d.message}`);
  console.error(`${diags.errorCount} errors`);
  process.exitCode = 1;
}
const fmt = (n, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
console.log(`node ${process.version}, ${process.platform}-${process.arch}`);
console.log(`members loaded : ${fmt(members)}`);
console.log(`time           : ${fmt(seconds, 2)} s`);
console.log(`throughput     : ${fmt(members / seconds)} rows/s`);
console.log(
  `heap in use    : ${fmt(heap / MiB)} MiB${globalThis.gc ? `, ${fmt(heap / members)} bytes/member after a full GC` : ' (run with --expose-gc for the live size)'}`,
);
console.log(`peak RSS       : ${fmt(peak)} MiB (process.resourceUsage().maxRSS)`);
