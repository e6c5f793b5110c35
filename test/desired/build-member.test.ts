import { describe, expect, it } from 'vitest';
import { MEMBER_SETTINGS } from '../../src/desired/build-member.js';
import { loadTarget } from './load-helper.js';

/** A value of each setting, as the target's defaults, the file's defaults and a member would give it. */
const VALUES: Record<(typeof MEMBER_SETTINGS)[number], [unknown, unknown, unknown]> = {
  firstName: ['Target', 'File', 'Own'],
  lastName: ['Target', 'File', 'Own'],
  description: ['Target', 'File', 'Own'],
  admin: [true, false, true],
  external: [false, true, false],
  location: ['EU1', 'EU2', 'USE1'],
  sso: [true, false, true],
  access: [['t'], ['f'], ['o']],
  notify: [false, true, false],
  passport: [true, false, true],
  force: [false, true, false],
};

describe('buildMember', () => {
  it('takes every setting from the member, else the file defaults, else the target defaults', async () => {
    const flow = (i: 0 | 1 | 2) =>
      `{ ${MEMBER_SETTINGS.map((k) => `${k}: ${JSON.stringify(VALUES[k][i])}`).join(', ')} }`;
    const { members, errors } = await loadTarget(`members: [a.yaml, b.yaml]\ndefaults: ${flow(0)}`, {
      'a.yaml': `defaults: ${flow(1)}\nmembers:\n  - { email: own@acme.com, ${flow(2).slice(2)}\n  - email: file@acme.com\n`,
      'b.yaml': 'members:\n  - email: target@acme.com\n',
    });
    expect(errors).toEqual([]);
    for (const k of MEMBER_SETTINGS) {
      expect(members.get('own@acme.com')![k], k).toEqual(VALUES[k][2]);
      expect(members.get('file@acme.com')![k], k).toEqual(VALUES[k][1]);
      expect(members.get('target@acme.com')![k], k).toEqual(VALUES[k][0]);
    }
  });
});
