import { Emulated3dx, type PlatformSetup } from '../../emulators/3dexperience/platform.js';

/** A small Acme platform: a few members, XEN nearly full. */
export function acmePlatform(setup: Partial<PlatformSetup> = {}): Emulated3dx {
  const p = new Emulated3dx({
    roles: { CSV: 20, XEN: 3, IFW: 2, 'RAP-ACME0001': 5 },
    prerequisites: { XEN: ['CSV'], IFW: ['CSV'] },
    passports: [
      { id: 'llinus', email: 'linus@acme.com', firstName: 'Linus', lastName: 'Torvalds' },
      { id: 'mhamilton', email: 'margaret@acme.com', firstName: 'Margaret', lastName: 'Hamilton' },
    ],
    ...setup,
  });
  p.seed({
    id: 'oowner',
    email: 'owner@acme.com',
    firstName: 'Olive',
    lastName: 'Owner',
    admin: true,
    roles: ['CSV'],
    location: 'EU1',
  });
  p.seed({
    id: 'alovelace',
    email: 'ada@acme.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    roles: ['CSV', 'XEN'],
    location: 'EU1',
  });
  p.seed({
    id: 'ghopper',
    email: 'grace@acme.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    roles: ['CSV'],
    location: 'USE1',
  });
  p.seed({
    id: 'kthompson',
    email: 'ken@acme.com',
    firstName: 'Ken',
    lastName: 'Thompson',
    roles: ['CSV'],
    location: 'USE1',
  });
  p.seed({ email: 'alan@acme.com', roles: ['CSV'], status: 'Pending', location: 'EU1' });
  return p;
}

/** Desired state for acmePlatform: ken offboarded, grace updated and given XEN, alan given IFW, two invites. */
export const ACME_ROWS = [
  'owner@acme.com;admin;employee;CSV;no;;;;EU1',
  'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1',
  'grace@acme.com;member;contractor;CSV,XEN;yes;;;;EU2',
  'alan@acme.com;member;employee;CSV,IFW;yes;;;;EU1',
  'linus@acme.com;member;contractor;CSV;no;;passport;;EUW1',
  'margaret@acme.com;member;employee;XEN;yes;;;;USE1',
  'ken@acme.com;member;employee;CSV;;remove;;;',
];
