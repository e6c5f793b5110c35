import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { startsFormula } from '../../../src/formats/table/cells.js';
import { loadFiles } from '../../helpers/desired.js';
import { acmePlatform } from './acme.js';
import { threeDxProject } from './project.js';

/** E-mail addresses that are valid, and that a spreadsheet would run as formulas. */
const HOSTILE = ["=cmd|'/ccalc'!a0@acme.com", '+sum@acme.com', '-2+3@acme.com'];

describe('3DEXPERIENCE batch files and formula injection', () => {
  it('neutralizes cells that would start a formula, while the platform reads the right users', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, {
      rows: [
        'owner@acme.com;admin;employee;CSV;no;;;;EU1',
        'ada@acme.com;member;employee;CSV,XEN;yes;;;;EU1',
        'grace@acme.com;member;employee;CSV;yes;;;;USE1',
        'ken@acme.com;member;employee;CSV;yes;;;;USE1',
        'alan@acme.com;member;employee;CSV;yes;;;;EU1',
        ...HOSTILE.map((u) => `"${u}";member;employee;CSV;no;;;;EU2`),
      ],
    });
    const outcome = await p.apply();
    const [file] = p.runFiles(outcome.report!.runId);
    const text = readFileSync(file!, 'utf8');
    const cells = (parse(text, { delimiter: ';', trim: false }) as string[][]).flat();
    expect(cells.filter(startsFormula)).toEqual([]);
    for (const u of HOSTILE) expect(cells).toContain(` ${u}`);

    // rollcall's own loader reads the file back to the same members…
    const back = await loadFiles({
      'rollcall.yaml':
        'version: 1\ntargets:\n  - name: t\n    provider: local\n    format: 3dexperience\n    members: [members.csv]\n',
      'members.csv': text,
    });
    expect(back.errors).toEqual([]);
    expect([...back.members.keys()].sort()).toEqual([...HOSTILE].sort());

    // …and so does the platform, which trims values: the plan after the import is empty.
    expect(p.importRun(outcome.report!.runId).map((t) => t.status)).toEqual(['OK']);
    for (const u of HOSTILE) expect(platform.find(u)?.status).toBe('Pending');
    expect((await p.plan()).changes).toEqual([]);
  });
});
