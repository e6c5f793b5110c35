import { describe, expect, it } from 'vitest';
import { ScimStore } from '../scim-server/store.js';

/** The test server's store keeps indexes (group names, each user's groups): what they answer must stay true. */
describe('SCIM test server store', () => {
  it('group displayName is unique case-insensitively; a renamed or deleted group frees its name', () => {
    const s = new ScimStore();
    const a = s.addGroup('Admins');
    expect(() => s.addGroup('ADMINS')).toThrow(/already taken/);
    expect(s.groupIngress({ id: a.id }, { displayName: 'admins' }).id).toBe(a.id); // itself, in another case
    expect(s.groupByName('Admins')).toBeUndefined();
    expect(s.groupByName('admins')?.id).toBe(a.id);
    s.groupIngress({ id: a.id }, { displayName: 'Owners' });
    expect(s.addGroup('Admins').id).not.toBe(a.id);
    expect(() => s.addGroup('owners')).toThrow(/already taken/);
    s.groupDegress({ id: a.id });
    expect(s.addGroup('Owners').displayName).toBe('Owners');
  });

  it("a user's groups follow membership changes, in group order; deleting a user drops its memberships", () => {
    const s = new ScimStore();
    const u = s.addUser({ userName: 'a@acme.com' });
    const v = s.addUser({ userName: 'b@acme.com' });
    const g1 = s.addGroup('one', [u.id, v.id]);
    const g2 = s.addGroup('two', [v.id]);
    const g3 = s.addGroup('three', [u.id]);
    const groupsOf = (id: string) =>
      (s.userEgress({ id }) as unknown as { groups: { display: string }[] }).groups.map((g) => g.display);
    expect(groupsOf(u.id)).toEqual(['one', 'three']);
    s.groupIngress({ id: g2.id }, { displayName: 'two', members: [{ value: u.id }, { value: v.id }] });
    s.groupIngress({ id: g1.id }, { displayName: 'one', members: [{ value: v.id }] });
    expect(groupsOf(u.id)).toEqual(['two', 'three']);
    expect(groupsOf(v.id)).toEqual(['one', 'two']);
    s.userDegress({ id: u.id });
    expect(s.membersOf('two')).toEqual(['b@acme.com']);
    expect(s.membersOf('three')).toEqual([]);
    s.groupDegress({ id: g3.id });
    expect(groupsOf(v.id)).toEqual(['one', 'two']);
  });
});
