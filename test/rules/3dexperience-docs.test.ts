import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulated3dx } from '../emulators/3dexperience/platform.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { acmePlatform } from '../providers/3dexperience/acme.js';
import { threeDxProject } from '../providers/3dexperience/project.js';

// The rules of platform-docs/3dexperience-invite-members-csv.txt and 3dexperience-admin-and-members.txt.

const KEEP = [
  'owner@acme.com;admin;employee;CSV;no;;;;EU1',
  'grace@acme.com;member;employee;CSV;yes;;;;USE1',
  'ken@acme.com;member;employee;CSV;yes;;;;USE1',
  'alan@acme.com;member;employee;CSV;yes;;;;EU1',
];

describe('3DEXPERIENCE: revoking a role', () => {
  // The doc: force is "force synchronization of all mandatory parameters (id, uid, firstname, lastname,
  // active, state, email, role, status)" — it never says a force row takes roles away.
  it('"force synchronization of all mandatory parameters": by default a revoke is blocked `unsupported`, with where to do it by hand', async () => {
    const p = threeDxProject(acmePlatform(), {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV;yes;;;;EU1'],
    });
    const plan = await p.plan();
    expect(plan.changes.filter((c) => c.action === 'revoke')).toEqual([]);
    expect(plan.blocked).toEqual([
      expect.objectContaining({
        action: 'revoke',
        key: 'ada@acme.com',
        roles: ['XEN'],
        reason: 'unsupported',
      }),
    ]);
    expect(plan.blocked[0]!.message).toContain('Members Control Center > Roles & Options');
    expect(plan.blocked[0]!.message).toContain('connection.revokeByForceRow');
  });

  it('with connection.revokeByForceRow, a revoke is a force row listing the kept roles', async () => {
    const platform = acmePlatform({ forceRevokes: true });
    const p = threeDxProject(platform, {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV;yes;;;;EU1'],
      connection: 'revokeByForceRow: true',
    });
    const plan = await p.plan();
    expect(plan.blocked).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.key} ${c.roles}`)).toEqual(['revoke ada@acme.com XEN']);
    const outcome = await p.apply();
    const [t] = p.importRun(outcome.report!.runId);
    expect(t!.status).toBe('OK');
    expect([...platform.find('ada@acme.com')!.roles]).toEqual(['CSV']);
  });

  it('the emulator, written from the docs, does not take roles away on a force row unless told to', () => {
    const p = new Emulated3dx({ roles: { CSV: 3, XEN: 1 }, prerequisites: { XEN: ['CSV'] } });
    p.seed({ email: 'ada@acme.com', roles: ['CSV', 'XEN'] });
    const header = 'user;rights;agreement;roles;mail;remove;passport;force;location';
    p.import('a.csv', `${header}\r\nada@acme.com;member;employee;CSV;no;;;force;\r\n`);
    expect([...p.find('ada@acme.com')!.roles].sort()).toEqual(['CSV', 'XEN']);
  });
});

describe('3DEXPERIENCE: location', () => {
  it('"location … null - default": `null` in any case moves a member back to the default site, and then plans nothing', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV,XEN;yes;;;;Null'],
    });
    const plan = await p.plan();
    expect(plan.changes.map((c) => `${c.action} ${c.key} ${JSON.stringify(c.after)}`)).toEqual([
      'update ada@acme.com {"location":"null"}',
    ]);
    const outcome = await p.apply();
    const file = p.runFiles(outcome.report!.runId)[0]!;
    const [t] = p.importRun(outcome.report!.runId);
    expect(t!.status, file).toBe('OK');
    expect(platform.find('ada@acme.com')!.location).toBe('');
    expect((await p.plan()).changes).toEqual([]);
    for (const spelling of ['NULL', 'null']) {
      const again = threeDxProject(platform, {
        rows: [...KEEP, `ada@acme.com;member;employee;CSV,XEN;yes;;;;${spelling}`],
      });
      expect((await again.plan()).changes).toEqual([]);
    }
  });
});

describe('3DEXPERIENCE: seats', () => {
  const ROWS = [
    ...KEEP,
    'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1',
    'linus@acme.com;member;employee;CSV,XEN;no;;;;EUW1',
    'margaret@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
    'edsger@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
  ];

  it('"the number of users is limited by the number of available roles. i.e. A Used: 81/200": invites beyond the seats are blocked no-seats', async () => {
    const p = threeDxProject(acmePlatform(), { rows: ROWS });
    const plan = await p.plan();
    expect(plan.blocked.filter((b) => b.reason === 'no-seats').length).toBeGreaterThan(0);
  });

  it('"If you have not selected the Allow administrators to grant roles without assigning the associated license option": with connection.grantWithoutLicense the shortfall is shown and blocks nothing', async () => {
    const platform = acmePlatform({ grantWithoutLicense: true });
    const p = threeDxProject(platform, { rows: ROWS, connection: 'grantWithoutLicense: true' });
    const plan = await p.plan();
    expect(plan.blocked).toEqual([]);
    expect(plan.seats.find((s) => s.role === 'XEN')).toMatchObject({ total: 3, shortfall: 1 });
    const outcome = await p.apply();
    expect(outcome.report!.targets[0]!.failures).toEqual([]);
    const transactions = p.importRun(outcome.report!.runId);
    expect(transactions.map((t) => t.status)).toEqual(['OK']);
  });
});

describe('3DEXPERIENCE: prerequisite roles', () => {
  it('"Roles trigrams along with their prerequisite roles when needed": validate warns about a row lacking one, and rollcall writes it', async () => {
    const dir = tmpDir({
      'rollcall.yaml': [
        'version: 1',
        'targets:',
        '  - name: t',
        '    provider: local',
        '    format: 3dexperience',
        '    members: [members.csv]',
        '    connection: { state: state.json }',
        '    roles: { CSV: {}, XEN: { requires: [CSV] } }',
        '',
      ].join('\n'),
      'members.csv': 'ada@acme.com;member;employee;XEN;no;;;;\n',
      'state.json': '{ "members": [] }',
    });
    const r = runCli(['validate', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /members\.csv:1:\d+: warning: roles XEN lack their prerequisite CSV: uploaded as is, this row would be KO; rollcall adds it/,
    );
    const plan = runCli(['plan', '-c', path.join(dir, 'rollcall.yaml')]);
    expect(plan.stdout).toMatch(/invite\s+ada@acme\.com\s+roles: CSV, XEN/);
  });
});

describe('3DEXPERIENCE: the members export identifies people the way the files do', () => {
  it('"user: 3DPassport user id or email address": an export naming a member by id without an e-mail is refused, never "remove the id, invite the e-mail"', async () => {
    const p = threeDxProject(acmePlatform(), {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1'],
    });
    const file = path.join(p.dir, 'export/members.csv');
    const text = readFileSync(file, 'utf8').replace(/^alovelace;ada@acme\.com;/m, 'alovelace;;');
    writeFileSync(file, text);
    await expect(p.plan()).rejects.toThrow(
      /1 member is named by 3DPassport id without an e-mail address \(alovelace\).*export the members with the email column filled/,
    );
  });

  it('an export naming a member by id with its e-mail matches a file naming it by e-mail (both identities)', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1'],
    });
    const file = path.join(p.dir, 'export/members.csv');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/^ada@acme\.com;ada@acme\.com;/m, 'alovelace;ada@acme.com;'),
    );
    const plan = await p.plan();
    expect(plan.changes.filter((c) => c.key.includes('ada') || c.key === 'alovelace')).toEqual([]);
  });
});

describe('3DEXPERIENCE: pending invitations', () => {
  it('"The status is Pending until he/she accepts the invitation": the plan says how many are pending, since when, and who waits longer than pendingAfterDays', async () => {
    const p = threeDxProject(acmePlatform(), {
      rows: [...KEEP, 'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1'],
    });
    const file = path.join(p.dir, 'export/members.csv');
    const lines = readFileSync(file, 'utf8').split('\r\n');
    // The export gains the "invited" column; alan (Pending) was invited long ago.
    const withInvited = lines.map((l, i) =>
      l === '' ? l : i === 0 ? `${l};invited` : l.includes(';Pending;') ? `${l};2001-02-03` : `${l};`,
    );
    writeFileSync(file, withInvited.join('\r\n'));
    await p.plan();
    expect(p.logs).toContain(
      'acme-3dx: 1 member is Pending (invitation not accepted), the oldest since 2001-02-03',
    );
    expect(p.logs).toContain(
      'acme-3dx: 1 pending longer than 14 days: alan@acme.com (since 2001-02-03); resend their invitation in Members Control Center (Resend Invitation)',
    );
  });
});
