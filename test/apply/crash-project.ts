import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A local target where apply has 2,000 changes: 1,000 invites, 600 grants, 400 removals (prune).
 * Returns the keys of each kind.
 */
export function writeCrashProject(dir: string) {
  const kept = Array.from({ length: 600 }, (_, i) => `kept${String(i).padStart(4, '0')}@acme.com`);
  const gone = Array.from({ length: 400 }, (_, i) => `gone${String(i).padStart(4, '0')}@acme.com`);
  const fresh = Array.from({ length: 1000 }, (_, i) => `new${String(i).padStart(4, '0')}@acme.com`);
  writeFileSync(
    path.join(dir, 'rollcall.yaml'),
    [
      'version: 1',
      'targets:',
      '  - name: big',
      '    provider: local',
      '    format: 3dexperience',
      '    members: [members.csv]',
      '    connection: { state: state.json }',
      '    roles: { CSV: {}, XEN: { requires: [CSV] } }',
      '    policy: { prune: true, maxRemovals: none }',
      '',
    ].join('\n'),
  );
  const rows = ['user;rights;agreement;roles;mail;remove;passport;force;location'];
  for (const k of kept) rows.push(`${k};member;employee;CSV,XEN;no;;;;EU1`);
  for (const k of fresh) rows.push(`${k};member;employee;CSV;no;;;;EU1`);
  writeFileSync(path.join(dir, 'members.csv'), `${rows.join('\n')}\n`);
  const members = [...kept, ...gone].map((key) => ({
    key,
    status: 'active',
    roles: ['CSV'],
    location: 'EU1',
  }));
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ seats: { CSV: 5000, XEN: 5000 }, members }));
  return { kept, gone, fresh };
}
