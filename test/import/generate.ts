/**
 * A deterministic local platform of `n` members for import tests: roles consistent with CATALOG (every
 * XEN or IFW holder also has CSV), invited, removed (no roles) and pseudonymized (no names) members,
 * platform ids beside e-mails, locked licenses, seat pools with room, and names that are not ASCII or
 * look like spreadsheet formulas.
 */
export const CATALOG = [
  '    roles:',
  '      CSV: {}',
  '      XEN: { requires: [CSV] }',
  '      IFW: { requires: [CSV] }',
  '      RAP-ACME0001: { requires: [CSV] }',
  '      MAP-APP00042: {}',
  '    bundles:',
  '      designers: [CSV, XEN]',
].join('\n');

const ROLE_SETS = [
  ['CSV'],
  ['CSV', 'XEN'],
  ['CSV', 'IFW'],
  ['CSV', 'RAP-ACME0001', 'XEN'],
  ['MAP-APP00042'],
  [],
];
const LOCATIONS = ['EU1', 'EU2', 'USE1', 'APT2', 'INDW2', undefined];
const FIRST = ['Ada', 'Zoë', 'Łukasz', 'Ñandú', '日本', '=cmd()', '+1', '-x', '@SUM(1+1)', "O'Brien", 'a;b'];
const LAST = ['Lovelace', 'Müller', 'Ελένη', 'say "hi"', 'two\nlines', 'Smith'];

export interface StateMember {
  key: string;
  status: 'invited' | 'active' | 'removed' | 'pseudonymized';
  admin: boolean;
  external: boolean;
  roles: string[];
  lockedRoles?: string[];
  firstName?: string;
  lastName?: string;
  description?: string;
  location?: string;
}

export function generateState(n: number): {
  self: string;
  seats: Record<string, number>;
  members: StateMember[];
} {
  const members: StateMember[] = [];
  for (let i = 0; i < n; i++) {
    const status =
      i % 50 === 7 ? 'removed' : i % 97 === 3 ? 'pseudonymized' : i % 13 === 5 ? 'invited' : 'active';
    const present = status === 'active' || status === 'invited';
    const m: StateMember = {
      key: i % 40 === 11 ? `PASSPORT-${i}` : i % 17 === 2 ? `user${i}+tag@acme.com` : `user${i}@acme.com`,
      status,
      admin: i % 500 === 0,
      external: i % 9 === 4,
      roles: present ? ROLE_SETS[i % ROLE_SETS.length]! : [],
    };
    if (status !== 'pseudonymized') {
      m.firstName = FIRST[i % FIRST.length]!;
      m.lastName = LAST[i % LAST.length]!;
      if (i % 31 === 0) m.description = `Team ${i % 7}: reviewer, "lead"`;
    }
    const location = LOCATIONS[i % LOCATIONS.length];
    if (location) m.location = location;
    if (present && m.roles.includes('XEN') && i % 11 === 0) m.lockedRoles = ['XEN'];
    members.push(m);
  }
  members.push({
    key: 'svc-backup@acme.com',
    status: 'active',
    admin: false,
    external: false,
    roles: ['CSV'],
  });
  const used: Record<string, number> = {};
  for (const m of members)
    if (m.status === 'active' || m.status === 'invited')
      for (const r of m.roles) used[r] = (used[r] ?? 0) + 1;
  const seats = Object.fromEntries(Object.entries(used).map(([r, u]) => [r, u + 10]));
  return { self: 'user0@acme.com', seats, members };
}
