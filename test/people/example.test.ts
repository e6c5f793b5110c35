import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/render/markdown.js';
import { makePlan } from '../../src/run/plan.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('examples/company', () => {
  it('matches its platforms today, and one line offboards Alan on all four', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/company'), dir, { recursive: true });
    const config = path.join(dir, 'rollcall.yaml');
    const before = await makePlan(config, { env: {}, at: '2026-12-01' });
    expect(before.plan.targets.map((t) => t.changes.length)).toEqual([0, 0, 0, 0]);
    expect(before.plan.targets[0]!.notices?.map((n) => n.key)).toEqual(['grace@acme.com']);

    const staff = path.join(dir, 'people/staff.yaml');
    writeFileSync(
      staff,
      readFileSync(staff, 'utf8').replace(
        'email: alan@acme.com\n',
        'email: alan@acme.com\n    state: left\n',
      ),
    );
    const after = await makePlan(config, { env: {}, at: '2026-12-01' });
    expect(after.plan.targets.map((t) => t.changes.map((c) => c.action).join(','))).toEqual([
      'remove',
      'remove',
      'remove,pseudonymize,delete',
      'remove',
    ]);
    expect(renderMarkdown(after.plan)).toContain(
      'leaves: acme-3dx remove; acme-anaplan remove; acme-deepomatic remove, pseudonymize, delete; acme-gh remove',
    );
    const readme = readFileSync(path.join(ROOT, 'examples/company/README.md'), 'utf8');
    for (const t of after.plan.targets.filter((x) => x.held)) expect(readme).toContain(t.removalDigest!);
  });
});
