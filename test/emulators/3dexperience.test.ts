import { describe, expect, it } from 'vitest';
import { membersExport, seatsFile } from './3dexperience/export.js';
import { Emulated3dx } from './3dexperience/platform.js';

/** The emulator itself, against the rules of platform-docs/3dexperience-*.txt. */
const HEADER = 'user;rights;agreement;roles;mail;remove;passport;force;location';
const file = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`;

function platform(setup: { forceRevokes?: boolean } = {}) {
  const p = new Emulated3dx({ roles: { CSV: 3, XEN: 1 }, prerequisites: { XEN: ['CSV'] }, ...setup });
  p.seed({ email: 'ada@acme.com', roles: ['CSV', 'XEN'] });
  p.seed({ email: 'bob@acme.com', roles: ['CSV'] });
  return p;
}

const results = (t: { rows: { user: string; status: string; reason?: string }[] }) =>
  t.rows.map((r) => `${r.user} ${r.status}${r.reason ? `: ${r.reason}` : ''}`);

describe('emulated 3DEXPERIENCE platform', () => {
  it('runs an import as an asynchronous transaction: Not Started, then OK or KO per row', () => {
    const p = platform();
    const t = p.submit('a.csv', file('eve@acme.com;member;employee;CSV;yes;;;;EU1'));
    expect(t.status).toBe('Not Started');
    expect(p.find('eve@acme.com')).toBeUndefined();
    p.process();
    expect(t.status).toBe('OK');
    expect(p.find('eve@acme.com')).toMatchObject({ status: 'Pending', location: 'EU1' });
    const ko = p.import(
      'b.csv',
      file('zed@acme.com;member;employee;CSV;yes;;;;MARS1', 'amy@acme.com;;;;;;;;'),
    );
    expect(ko.status).toBe('KO');
    expect(results(ko)).toEqual(['zed@acme.com KO: invalid location "MARS1"', 'amy@acme.com OK']);
  });

  it('answers KO with the reason: unknown role, missing prerequisite, no seats', () => {
    const p = platform();
    const t = p.import(
      'a.csv',
      file(
        'eve@acme.com;member;employee;CSV,ABC;yes;;;;',
        'fay@acme.com;member;employee;XEN;yes;;;;',
        'gus@acme.com;member;employee;CSV;yes;;;;',
        'hal@acme.com;member;employee;CSV;yes;;;;',
      ),
    );
    expect(results(t)).toEqual([
      'eve@acme.com KO: unknown role ABC',
      'fay@acme.com KO: role XEN needs its prerequisite CSV',
      'gus@acme.com OK',
      'hal@acme.com KO: no seats: CSV Used: 3/3',
    ]);
    expect(seatsFile(p)).toContain('CSV  Used: 3/3');
  });

  it('enforces remove → pseudonymize → delete, and never removes a locked license holder', () => {
    const p = platform();
    p.lock('ada@acme.com', 'XEN');
    const early = p.import(
      'a.csv',
      file('bob@acme.com;;;;;2;;;', 'bob@acme.com;;;;;3;;;', 'ada@acme.com;;;;;1;;;'),
    );
    expect(results(early)).toEqual([
      'bob@acme.com KO: user is Active: remove it before pseudonymizing',
      'bob@acme.com KO: user is Active: only pseudonymized users can be deleted',
      'ada@acme.com KO: locked license XEN: the user cannot be removed',
    ]);
    const inOrder = p.import(
      'b.csv',
      file('bob@acme.com;;;;;remove;;;', 'bob@acme.com;;;;;2;;;', 'bob@acme.com;;;;;3;;;'),
    );
    expect(inOrder.status).toBe('OK');
    expect(p.find('bob@acme.com')).toBeUndefined();
  });

  it('adds a row’s roles to a member; a forced row makes them exactly the row’s (the opt-in reading)', () => {
    const p = platform({ forceRevokes: true });
    p.import('a.csv', file('bob@acme.com;member;employee;XEN;no;;;;'));
    expect(results(p.transactions[0]!)).toEqual(['bob@acme.com KO: no seats: XEN Used: 1/1']);
    p.import(
      'b.csv',
      file('ada@acme.com;admin;contractor;CSV;no;;;force;EU2', 'bob@acme.com;member;employee;CSV,XEN;no;;;;'),
    );
    expect([...p.find('ada@acme.com')!.roles]).toEqual(['CSV']);
    expect(p.find('ada@acme.com')).toMatchObject({ admin: true, contractor: true, location: 'EU2' });
    expect([...p.find('bob@acme.com')!.roles].sort()).toEqual(['CSV', 'XEN']);
    expect(membersExport(p).split('\r\n')[1]).toBe(
      'ada@acme.com;ada@acme.com;;;Admin;Contractor;CSV;;Active;EU2',
    );
  });

  it('lets administrators grant roles without licenses when the platform option says so', () => {
    const p = new Emulated3dx({ roles: { XEN: 0 }, grantWithoutLicense: true });
    expect(p.import('a.csv', file('eve@acme.com;;;XEN;;;;;')).status).toBe('OK');
  });
});
