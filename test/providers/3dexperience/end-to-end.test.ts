import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME_ROWS, acmePlatform } from './acme.js';
import { koRows, threeDxProject } from './project.js';

const brief = (changes: { phase: number; action: string; key: string; roles?: string[] }[]) =>
  changes.map((c) => `${c.phase} ${c.action} ${c.key}${c.roles ? ` [${c.roles.join(',')}]` : ''}`);

describe('3DEXPERIENCE end to end: desired files → plan → apply → platform import → export → plan', () => {
  it('writes one batch file per phase that the platform accepts, after which the plan is empty', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, { rows: ACME_ROWS });

    const before = await p.plan();
    expect(brief(before.changes)).toEqual([
      '1 remove ken@acme.com [CSV]',
      '2 update grace@acme.com',
      '2 grant alan@acme.com [IFW]',
      '2 grant grace@acme.com [XEN]',
      '2 invite linus@acme.com [CSV]',
      '2 invite margaret@acme.com [CSV,XEN]',
    ]);
    expect(before.blocked).toEqual([]);

    const outcome = await p.apply();
    const runId = outcome.report!.runId;
    const files = p.runFiles(runId);
    expect(files.map((f) => path.basename(f))).toEqual(['01-remove.csv', '02-invite.csv']);
    expect(readFileSync(files[0]!, 'utf8')).toBe(
      'user;rights;agreement;roles;mail;remove;passport;force;location\r\nken@acme.com;member;employee;;no;remove;;;\r\n',
    );
    expect(readFileSync(files[1]!, 'utf8').split('\r\n')).toEqual([
      'user;rights;agreement;roles;mail;remove;passport;force;location',
      'grace@acme.com;member;contractor;CSV,XEN;no;;;;EU2',
      'alan@acme.com;member;employee;CSV,IFW;no;;;;EU1',
      'linus@acme.com;member;contractor;CSV;no;;passport;;EUW1',
      'margaret@acme.com;member;employee;CSV,XEN;yes;;;;USE1',
      '',
    ]);
    const order = readFileSync(path.join(p.outDir, runId, 'UPLOAD-ORDER.txt'), 'utf8');
    expect(order).toMatch(/1\. 01-remove\.csv {2}\(1 row: remove 1\) {2}\[to upload\]/);
    expect(order).toMatch(/2\. 02-invite\.csv {2}\(4 rows: update 1, grant 2, invite 2\) {2}\[to upload\]/);
    expect(p.logs.join('\n')).toContain('01-remove.csv (remove 1); import it in order');
    // Nothing is on the platform until the files are imported: apply reports it has not converged.
    expect(outcome.report!.targets[0]!.converged).toBe(false);

    const transactions = p.importRun(runId);
    expect(transactions.map((t) => `${t.name} ${t.status}`)).toEqual([
      '01-remove.csv OK',
      '02-invite.csv OK',
    ]);
    expect(platform.mails).toEqual(['margaret@acme.com']); // linus: mail=no
    expect(platform.find('linus@acme.com')).toMatchObject({ status: 'Pending', id: 'llinus' }); // passport
    expect(platform.find('ken@acme.com')?.status).toBe('No access');

    const after = await p.plan();
    expect(after.changes).toEqual([]);
    expect(after.blocked).toEqual([]);
  });

  it('plans exactly the rows the platform answered KO again, and nothing else', async () => {
    // The platform does not offer the custom role, and locks ken's license between export and import.
    const platform = acmePlatform({ roles: { CSV: 20, XEN: 3, IFW: 2 } });
    const p = threeDxProject(platform, {
      rows: ACME_ROWS.map((r) =>
        r.startsWith('margaret') ? 'margaret@acme.com;member;employee;XEN,RAP-ACME0001;yes;;;;USE1' : r,
      ),
    });
    const outcome = await p.apply();
    platform.lock('ken@acme.com', 'CSV');
    const transactions = p.importRun(outcome.report!.runId);
    expect(transactions.map((t) => t.status)).toEqual(['KO', 'KO']);
    expect(koRows(transactions)).toEqual([
      'ken@acme.com: locked license CSV: the user cannot be removed',
      'margaret@acme.com: unknown role RAP-ACME0001',
    ]);

    const next = await p.plan();
    expect(brief(next.changes)).toEqual(['1 invite margaret@acme.com [CSV,RAP-ACME0001,XEN]']);
    expect(next.blocked.map((b) => `${b.action} ${b.key} ${b.reason} ${b.roles?.join(',')}`)).toEqual([
      'remove ken@acme.com license-locked CSV',
    ]);
  });
});
