import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RollcallError } from '../../src/model/errors.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { makePlan } from '../../src/run/plan.js';
import { validateRun } from '../../src/run/validate.js';
import { tmpDir } from '../helpers/tmp.js';

const CONFIG = `version: 1
people: [people/*.yaml]
targets:
  - name: cad
    provider: local
    connection: { state: cad.json }
    roles: { CSV: {}, XEN: { requires: [CSV] } }
    policy: { prune: true, offboard: remove, maxRemovals: none }
  - name: plan
    provider: local
    members: [plan-members.yaml]
    connection: { state: plan.json }
    policy: { offboard: pseudonymize }
`;

function state(...keys: string[]) {
  return JSON.stringify({ seats: {}, members: keys.map((key) => ({ key, status: 'active', roles: [] })) });
}

function project(people: string, extra: Record<string, string> = {}) {
  const dir = tmpDir({
    'rollcall.yaml': CONFIG,
    'people/staff.yaml': people,
    'plan-members.yaml': 'members:\n  - email: zed@acme.com\n',
    'cad.json': state('bob@acme.com'),
    'plan.json': state('bob@acme.com', 'zed@acme.com'),
    ...extra,
  });
  return path.join(dir, 'rollcall.yaml');
}

const brief = (t: { changes: { action: string; key: string; person?: string }[] }) =>
  t.changes.map((c) => `${c.action} ${c.key}${c.person ? ` (${c.person})` : ''}`);

async function problems(config: string): Promise<string[]> {
  try {
    await makePlan(config, { env: {} });
  } catch (e) {
    if (e instanceof RollcallError)
      return e.diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`);
    throw e;
  }
  return [];
}

describe('people directory (design §4.5)', () => {
  it("gives each target every person with access to it, the access entry's fields over the person's", async () => {
    const config = project(`people:
  - email: Ada@acme.com
    firstName: Ada
    access:
      cad: { roles: [CSV, XEN], firstName: Augusta }
      plan: {}
  - email: bob@acme.com
    access:
      cad: { roles: [CSV] }
`);
    const { plan } = await makePlan(config, { env: {} });
    const [cad, planT] = plan.targets;
    expect(brief(cad!)).toEqual(['grant bob@acme.com (bob@acme.com)', 'invite ada@acme.com (ada@acme.com)']);
    expect(cad!.changes[1]!.roles).toEqual(['CSV', 'XEN']);
    expect(cad!.changes[1]!.after).toEqual({ firstName: 'Augusta' });
    expect(brief(planT!)).toEqual(['invite ada@acme.com (ada@acme.com)']);
  });

  it('offboards a person who left on every target they are on, each by its policy.offboard', async () => {
    const config = project(`people:
  - email: bob@acme.com
    state: left
`);
    const { plan } = await makePlan(config, { env: {} });
    expect(brief(plan.targets[0]!)).toEqual(['remove bob@acme.com (bob@acme.com)']);
    expect(brief(plan.targets[1]!)).toEqual([
      'remove bob@acme.com (bob@acme.com)',
      'pseudonymize bob@acme.com (bob@acme.com)',
    ]);
    const md = renderMarkdown(plan);
    expect(md).toMatch(
      /\*\*By person\*\*\n\n- \*\*bob@\u200dacme\.com\*\* leaves: cad remove; plan remove, pseudonymize\n/u,
    );
  });

  it('takes the earliest until of the person and the access entry', async () => {
    const config = project(`people:
  - email: bob@acme.com
    until: 2099-06-30
    access:
      cad: { roles: [CSV], until: 2099-01-31 }
      plan: {}
`);
    const { plan } = await makePlan(config, { env: {}, at: '2099-02-01' });
    expect(brief(plan.targets[0]!)).toEqual(['remove bob@acme.com (bob@acme.com)']);
    expect(plan.targets[1]!.changes).toEqual([]);
  });

  it('reports an unknown target, a role outside the catalog and a person also in a members file, located', async () => {
    const config = project(`people:
  - email: zed@acme.com
    access:
      cdd: {}
      cad: { roles: [XYZ] }
      plan: {}
`);
    expect(await problems(config)).toEqual([
      expect.stringMatching(/people\/staff\.yaml:4:7: access for unknown target "cdd"; did you mean "cad"\?/),
      expect.stringMatching(/people\/staff\.yaml:5:\d+: role "XYZ" is not in the target's role catalog/),
      expect.stringMatching(
        /people\/staff\.yaml:6:\d+: zed@acme\.com has access to "plan" in the people directory and is also in the members file of "plan" at .*plan-members\.yaml:2:5: keep one$/,
      ),
    ]);
  });

  it('the same person twice in the directory is an error naming both places', async () => {
    const config = project('people:\n  - email: a@acme.com\n    access: { cad: {} }\n', {
      'people/more.yaml': 'people:\n  - email: A@acme.com\n    access: { cad: {} }\n',
    });
    expect(await problems(config)).toEqual([
      expect.stringMatching(
        /people\/staff\.yaml:2:5: email a@acme\.com names a person twice .*also at .*people\/more\.yaml:2:5/,
      ),
    ]);
  });

  it('validate warns of a person with access to nothing', async () => {
    const config = project('people:\n  - email: idle@acme.com\n');
    const v = await validateRun(config, { env: {} });
    expect(v.errorCount).toBe(0);
    expect(v.diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`)).toContain(
      'warning 2: idle@acme.com has access to no target',
    );
  });
});
