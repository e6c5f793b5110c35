// Writes bench/data/state.json: the platform as the local provider sees it, made from the generated
// desired CSV with ~10 % of members differing (missing, extra, other roles, other location, other rights).
// Usage (after generate-3dx-csv.js and npm run build): node bench/generate-state.js [config] [state file]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../lib/config/load.js';
import { loadDesiredState } from '../lib/desired/index.js';
import { Diagnostics } from '../lib/model/diagnostic.js';
import { serializeState } from '../lib/providers/local/state-file.js';
import { seededRandom } from './random.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const random = seededRandom(0xbe7c4);

const config = await loadConfig(process.argv[2] ?? path.join(HERE, 'rollcall.yaml'));
const out = process.argv[3] ?? path.join(HERE, 'data', 'state.json');
const desired = await loadDesiredState(config.targets[0], config, new Diagnostics());
const members = [];
const counts = { same: 0, missing: 0, roles: 0, location: 0, rights: 0, extra: 0 };
for (const d of desired.members.values()) {
  const status = d.state === 'active' ? 'active' : d.state === 'deleted' ? 'pseudonymized' : d.state;
  const m = {
    key: d.key,
    status,
    admin: d.admin ?? false,
    external: d.external ?? false,
    roles: [...d.roles],
    lockedRoles: [],
  };
  if (d.location) m.location = d.location;
  if (status !== 'active') m.roles = [];
  const r = random();
  if (r < 0.03) {
    counts.missing++;
    continue; // → invite (or nothing, for offboarded members)
  }
  if (r < 0.06) {
    counts.roles++;
    m.roles = m.roles.includes('XEN') ? m.roles.filter((x) => x !== 'XEN') : [...m.roles, 'IFW'].sort(); // → grant / revoke
  } else if (r < 0.08) {
    counts.location++;
    m.location = m.location === 'EU1' ? 'USE1' : 'EU1'; // → update
  } else if (r < 0.09) {
    counts.rights++;
    m.admin = !m.admin; // → update
  } else counts.same++;
  members.push(m);
}
const extra = Math.round(desired.members.size * 0.01);
for (let i = 0; i < extra; i++)
  members.push({
    key: `former${i}@acme.com`,
    status: 'active',
    admin: false,
    external: false,
    roles: ['CSV'],
    lockedRoles: [],
  }); // → remove (prune)
counts.extra = extra;
writeFileSync(out, serializeState({ seats: {}, members }));
console.log(
  `${path.relative(process.cwd(), out)}: ${members.length.toLocaleString('en-US')} members`,
  counts,
);
