import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { threeDxSettings } from '../../../src/providers/3dexperience/connection.js';
import { ThreeDxProvider } from '../../../src/providers/3dexperience/index.js';
import { acmePlatform } from './acme.js';
import { threeDxProject } from './project.js';

const KEEP = [
  'owner@acme.com;admin;employee;CSV;no;;;;EU1',
  'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1',
  'grace@acme.com;member;employee;CSV;yes;;;;USE1',
  'alan@acme.com;member;employee;CSV;yes;;;;EU1',
];

describe('3DEXPERIENCE offboarding', () => {
  it('takes ken to deleted in three applies, three files, each accepted by the platform', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, { rows: [...KEEP, 'ken@acme.com;member;employee;CSV;;3;;;'] });

    const steps: string[] = [];
    for (const expected of ['remove', 'pseudonymize', 'delete']) {
      const outcome = await p.apply();
      const runId = outcome.report!.runId;
      const files = p.runFiles(runId);
      expect(files.map((f) => path.basename(f))).toEqual([`01-${expected}.csv`]);
      const value = { remove: 'remove', pseudonymize: '2', delete: '3' }[expected];
      expect(readFileSync(files[0]!, 'utf8')).toContain(
        `\r\nken@acme.com;member;employee;;no;${value};;;\r\n`,
      );
      // Later steps wait for the export: deferred this run (not failures), planned again the next.
      const report = outcome.report!.targets[0]!;
      expect(report.failures).toEqual([]);
      const deferred = report.deferred.map((d) => `${d.change.action}: ${d.reason}`);
      // Design §9: the written step itself is `deferred` (awaiting its import), never `succeeded`.
      expect(deferred[0]).toMatch(
        new RegExp(
          `^${expected}: written to .*01-${expected}\\.csv, awaiting its import; export the members again`,
        ),
      );
      if (expected === 'remove')
        expect(deferred.slice(1)).toEqual([
          'pseudonymize: deferred: follows the remove of ken@acme.com, which waits for a later apply',
          'delete: deferred: follows the remove of ken@acme.com, which waits for a later apply',
        ]);
      if (expected === 'delete') expect(deferred).toHaveLength(1);
      const [t] = p.importRun(runId);
      expect(t!.status).toBe('OK');
      steps.push(`${expected}: ${platform.find('ken@acme.com')?.status ?? 'gone'}`);
    }
    expect(steps).toEqual(['remove: No access', 'pseudonymize: Pseudonymized', 'delete: gone']);
    expect((await p.plan()).changes).toEqual([]);
  });

  it('never writes a removal for a member holding a locked license, and names the roles', async () => {
    const platform = acmePlatform();
    platform.lock('ada@acme.com', 'XEN');
    const p = threeDxProject(platform, { rows: KEEP.filter((r) => !r.startsWith('ada')) });
    const plan = await p.plan();
    expect(plan.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['remove ken@acme.com']);
    expect(plan.blocked).toEqual([
      {
        action: 'remove',
        key: 'ada@acme.com',
        reason: 'license-locked',
        roles: ['XEN'],
        message: 'holds locked license XEN: it cannot be removed until the platform unlocks it',
      },
    ]);
    const outcome = await p.apply();
    const [file] = p.runFiles(outcome.report!.runId);
    expect(readFileSync(file!, 'utf8')).not.toContain('ada@acme.com');
    expect(p.importRun(outcome.report!.runId)[0]!.status).toBe('OK');
  });

  it('refuses a removal for a locked member even when a plan asks for it (a stale saved plan)', async () => {
    const platform = acmePlatform();
    platform.lock('ada@acme.com', 'XEN');
    const p = threeDxProject(platform, { rows: KEEP });
    const config = await loadConfig(p.config, { env: {} });
    const provider = new ThreeDxProvider('acme-3dx', threeDxSettings(config.targets[0]!, config));
    const results = [];
    for await (const r of provider.apply([{ phase: 1, action: 'remove', key: 'ada@acme.com' }], {
      runId: 'r1',
      log: () => {},
    }))
      results.push(r);
    expect(results.map((r) => `${r.status}: ${r.error}`)).toEqual([
      'failed: holds locked license XEN: never put in a removal file',
    ]);
    expect(existsSync(path.join(p.outDir, 'r1', '01-remove.csv'))).toBe(false);
  });
});
