import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { Emulated3dx, type PlatformSetup, type Status } from './platform.js';

/**
 * A platform in the state a members export and a seats file describe (the example's files), to import the
 * batch files rollcall writes from them.
 */
export function platformFromFiles(exportFile: string, seatsFile: string, setup: Partial<PlatformSetup> = {}) {
  const roles: Record<string, number> = {};
  for (const line of readFileSync(seatsFile, 'utf8').split('\n')) {
    const m = /^\s*(\S+)\s+Used:\s*\d+\/(\d+)/.exec(line.replace(/#.*/, ''));
    if (m) roles[m[1]!] = Number(m[2]);
  }
  const p = new Emulated3dx({ roles, ...setup });
  const rows = parse(readFileSync(exportFile, 'utf8'), {
    delimiter: ';',
    columns: true,
    trim: true,
  }) as Record<string, string>[];
  const list = (v = '') => v.split(',').filter(Boolean);
  for (const r of rows) {
    const member = p.seed({
      email: r.email || r.user!,
      admin: r.rights === 'Admin',
      contractor: r.agreement === 'Contractor',
      roles: list(r.roles),
      locked: new Set(list(r.locked)),
      status: r.status as Status,
      location: r.location ?? '',
    });
    if (r.user && r.user !== member.email) member.id = r.user;
    if (r['first name']) member.firstName = r['first name'];
    if (r['last name']) member.lastName = r['last name'];
  }
  return p;
}
