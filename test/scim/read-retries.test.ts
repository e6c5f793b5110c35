import { afterEach, describe, expect, it } from 'vitest';
import { renderReport } from '../../src/apply/report.js';
import { tmpDir } from '../helpers/tmp.js';
import { type ScimTestServer, startScimServer } from '../scim-server/server.js';
import { apply, GROUPS, instantReads, people, TOKEN, writeProject } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retried reads are counted in the apply report', () => {
  it('every read retry (reading, verifying) is in the report, apart from the change retries', async () => {
    server = await startScimServer({ token: TOKEN, bulk: { supported: false } });
    for (const g of GROUPS) server.store.addGroup(g);
    const p = writeProject(tmpDir(), server, people(40));
    server.control.injectFaults({ rate: 0.3, statuses: [503], retryAfter: '1', seed: 5 });
    const readSleeps: number[] = [];
    const out = await apply(p, [], { createProvider: instantReads(readSleeps) });
    const report = out.report!.targets[0]!;
    expect(readSleeps.length).toBeGreaterThan(0); // the seed makes some reads fail
    expect(report.readRetries).toBe(readSleeps.length);
    expect(renderReport(out.report!)).toContain(
      `${readSleeps.length} read retr${readSleeps.length === 1 ? 'y' : 'ies'} after transient failures`,
    );
  });

  it('says nothing of reads when none was retried', async () => {
    server = await startScimServer({ token: TOKEN, bulk: { supported: false } });
    for (const g of GROUPS) server.store.addGroup(g);
    const p = writeProject(tmpDir(), server, people(5));
    const out = await apply(p, [], { createProvider: instantReads([]) });
    expect(out.report!.targets[0]!.readRetries).toBeUndefined();
    expect(renderReport(out.report!)).not.toContain('read retr');
  });
});
