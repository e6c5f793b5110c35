import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acmePlatform } from './acme.js';
import { threeDxProject } from './project.js';

/** XEN is full (3/3): ada, grace and dennis hold it. */
function fullPlatform() {
  // Revokes here use the opt-in `revokeByForceRow` reading, on both sides.
  const platform = acmePlatform({ forceRevokes: true });
  platform.find('grace@acme.com')!.roles.add('XEN');
  platform.seed({ email: 'dennis@acme.com', roles: ['CSV', 'XEN'], location: 'USE1' });
  return platform;
}

const STAY = [
  'owner@acme.com;admin;employee;CSV;no;;;;EU1',
  'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1',
  'ken@acme.com;member;employee;CSV;yes;;;;USE1',
  'alan@acme.com;member;employee;CSV;yes;;;;EU1',
];

describe('3DEXPERIENCE seats ("Used: N/M")', () => {
  it('frees XEN licenses by revokes and reuses them for invites in one apply the platform accepts', async () => {
    const platform = fullPlatform();
    const p = threeDxProject(platform, {
      rows: [
        ...STAY,
        'grace@acme.com;member;employee;CSV;yes;;;;USE1',
        'dennis@acme.com;member;employee;CSV;yes;;;;USE1',
        'linus@acme.com;member;employee;CSV,XEN;yes;;;;EUW1',
        'margaret@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
      ],
      connection: 'revokeByForceRow: true',
    });
    const plan = await p.plan();
    expect(plan.seats.find((s) => s.role === 'XEN')).toEqual({ role: 'XEN', total: 3, before: 3, after: 3 });
    expect(plan.blocked).toEqual([]);

    const outcome = await p.apply();
    const files = p.runFiles(outcome.report!.runId);
    expect(files.map((f) => path.basename(f))).toEqual(['01-revoke.csv', '02-invite.csv']);
    // A revoke is a forced row with the roles the member keeps.
    expect(readFileSync(files[0]!, 'utf8')).toContain(
      '\r\ndennis@acme.com;member;employee;CSV;no;;;force;USE1\r\n',
    );
    const transactions = p.importRun(outcome.report!.runId);
    expect(transactions.map((t) => `${t.name} ${t.status}`)).toEqual([
      '01-revoke.csv OK',
      '02-invite.csv OK',
    ]);
    expect(platform.used('XEN')).toBe(3);
    expect((await p.plan()).changes).toEqual([]);
  });

  it('blocks invites that need more licenses than the platform has, before any file is written', async () => {
    const platform = fullPlatform();
    const p = threeDxProject(platform, {
      rows: [
        ...STAY,
        'grace@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
        'dennis@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
        'linus@acme.com;member;employee;CSV,XEN;yes;;;;EUW1',
      ],
    });
    const plan = await p.plan();
    expect(plan.changes).toEqual([]);
    expect(plan.blocked.map((b) => `${b.action} ${b.key} ${b.reason}: ${b.message}`)).toEqual([
      'invite linus@acme.com no-seats: no seats: XEN needs 1 more license(s) than the 3 available',
    ]);
    expect(plan.seats.find((s) => s.role === 'XEN')).toMatchObject({
      total: 3,
      before: 3,
      after: 4,
      shortfall: 1,
    });
    const outcome = await p.apply();
    expect(outcome.report).toBeUndefined();
    expect(existsSync(p.outDir)).toBe(false);
  });
});
