import { describe, expect, it } from 'vitest';
import { brief, have, plan, want } from './builders.js';

describe('matching and diff', () => {
  it('invites a desired member absent from the platform, with roles and the fields the files set', () => {
    const p = plan({
      desired: [want('ada@acme.com', { roles: ['CSV', 'XEN'], firstName: 'Ada', notify: false })],
    });
    expect(p.changes).toEqual([
      {
        phase: 1,
        action: 'invite',
        key: 'ada@acme.com',
        roles: ['CSV', 'XEN'],
        after: { firstName: 'Ada' },
        options: { notify: false },
      },
    ]);
    expect(p.summary.invite).toBe(1);
  });

  it('plans nothing when desired and actual agree', () => {
    const p = plan({
      desired: [want('a@x.io', { roles: ['CSV'], admin: true })],
      actual: [have('a@x.io', { roles: ['CSV'], admin: true })],
    });
    expect(p.changes).toEqual([]);
    expect(p.blocked).toEqual([]);
  });

  it('counts an invited (pending) member as present: no second invitation', () => {
    const p = plan({ desired: [want('a@x.io')], actual: [have('a@x.io', { status: 'invited' })] });
    expect(p.changes).toEqual([]);
  });

  it('re-invites a removed or pseudonymized member that is desired active', () => {
    const p = plan({
      desired: [want('a@x.io'), want('b@x.io')],
      actual: [have('a@x.io', { status: 'removed' }), have('b@x.io', { status: 'pseudonymized' })],
    });
    expect(brief(p)).toEqual(['1 invite a@x.io []', '1 invite b@x.io []']);
    expect(p.changes[0]!.reason).toBe('member is removed on the platform');
  });

  it('updates only the fields that differ, with before and after', () => {
    const p = plan({
      desired: [want('e@x.io', { location: 'EU2', firstName: 'Eve', admin: false })],
      actual: [have('e@x.io', { location: 'EU1', firstName: 'Eve', admin: false })],
    });
    expect(p.changes).toEqual([
      { phase: 1, action: 'update', key: 'e@x.io', before: { location: 'EU1' }, after: { location: 'EU2' } },
    ]);
  });

  it('does not manage a field that the desired source leaves unset', () => {
    const p = plan({
      desired: [want('e@x.io')],
      actual: [have('e@x.io', { location: 'EU1', firstName: 'Eve', admin: true })],
    });
    expect(p.changes).toEqual([]);
  });

  it('compares list fields as sets', () => {
    const p = plan({
      desired: [want('e@x.io', { access: ['B', 'A'] })],
      actual: [have('e@x.io', { access: ['A', 'B'] })],
    });
    expect(p.changes).toEqual([]);
  });

  it('grants missing roles and revokes extra ones; revokes run in an earlier phase than grants', () => {
    const p = plan({
      desired: [want('e@x.io', { roles: ['CSV', 'XEN'] })],
      actual: [have('e@x.io', { roles: ['CSV', 'IFW'] })],
    });
    expect(brief(p)).toEqual(['1 revoke e@x.io [IFW]', '2 grant e@x.io [XEN]']);
  });

  it('matches a desired e-mail to a platform member keyed by id that carries that e-mail', () => {
    const p = plan({
      desired: [want('ada@acme.com', { email: 'ada@acme.com' })],
      actual: [have('ALOVELACE', { email: 'ada@acme.com' })],
      policy: { prune: true },
    });
    expect(p.changes).toEqual([]);
  });
});

describe('offboarding lifecycle', () => {
  it('walks remove → pseudonymize → delete one step per phase for a desired deleted active member', () => {
    const p = plan({
      desired: [want('a@x.io', { state: 'deleted' })],
      actual: [have('a@x.io', { roles: ['CSV'] })],
    });
    expect(brief(p)).toEqual(['1 remove a@x.io [CSV]', '2 pseudonymize a@x.io', '3 delete a@x.io']);
    expect(p.summary).toMatchObject({ remove: 1, pseudonymize: 1, delete: 1 });
  });

  it('starts from where the member stands: a pseudonymized member is only deleted', () => {
    const p = plan({
      desired: [want('a@x.io', { state: 'deleted' })],
      actual: [have('a@x.io', { status: 'pseudonymized' })],
    });
    expect(brief(p)).toEqual(['1 delete a@x.io']);
  });

  it('never goes back: a pseudonymized member desired removed has no change; an absent one desired deleted neither', () => {
    const p = plan({
      desired: [want('a@x.io', { state: 'removed' }), want('b@x.io', { state: 'deleted' })],
      actual: [have('a@x.io', { status: 'pseudonymized' })],
    });
    expect(p.changes).toEqual([]);
  });

  it('prunes members in no file only with policy.prune, as far as policy.offboard', () => {
    const actual = [have('a@x.io'), have('gone@x.io')];
    const desired = [want('a@x.io')];
    expect(plan({ desired, actual }).changes).toEqual([]);
    const p = plan({ desired, actual, policy: { prune: true, offboard: 'pseudonymize' } });
    expect(brief(p)).toEqual(['1 remove gone@x.io', '2 pseudonymize gone@x.io']);
    expect(p.changes[0]!.reason).toBe('not in desired state (prune)');
  });

  it('never touches an ignored key, desired or actual', () => {
    const p = plan({
      desired: [want('svc-ci@acme.com', { roles: ['CSV'] })],
      actual: [have('svc-backup@acme.com'), have('svc-ci@acme.com', { roles: ['XEN'] })],
      policy: { prune: true, ignore: ['svc-*@acme.com'] },
    });
    expect(p.changes).toEqual([]);
    expect(p.blocked).toEqual([]);
  });
});

describe('blocked changes are never dropped silently', () => {
  it('license-locked: a member holding a locked role is not removed, the roles are named, later steps follow', () => {
    const p = plan({
      desired: [want('lee@x.io', { state: 'deleted' })],
      actual: [have('lee@x.io', { roles: ['CSV', 'XEN'], lockedRoles: ['XEN'] })],
    });
    expect(p.changes).toEqual([]);
    expect(p.blocked.map((b) => [b.action, b.reason, b.roles])).toEqual([
      ['remove', 'license-locked', ['XEN']],
      ['pseudonymize', 'license-locked', undefined],
      ['delete', 'license-locked', undefined],
    ]);
    expect(p.blocked[0]!.message).toContain('XEN');
  });

  it('license-locked: a locked role is not revoked, the other revokes go on', () => {
    const p = plan({
      desired: [want('a@x.io', { roles: [] })],
      actual: [have('a@x.io', { roles: ['CSV', 'XEN'], lockedRoles: ['XEN'] })],
    });
    expect(brief(p)).toEqual(['1 revoke a@x.io [CSV]']);
    expect(p.blocked).toMatchObject([{ action: 'revoke', reason: 'license-locked', roles: ['XEN'] }]);
  });

  it('protected: a protect key is never removed, never loses admin, never loses roles', () => {
    const p = plan({
      desired: [want('owner@acme.com', { admin: false, roles: [], location: 'EU2' })],
      actual: [
        have('owner@acme.com', { admin: true, roles: ['CSV'], location: 'EU1' }),
        have('boss@acme.com'),
      ],
      policy: { prune: true, protect: ['owner@acme.com', 'boss@*'] },
    });
    expect(brief(p)).toEqual(['1 update owner@acme.com']);
    expect(p.changes[0]!.after).toEqual({ location: 'EU2' });
    expect(p.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'remove boss@acme.com protected',
      'revoke owner@acme.com protected',
      'update owner@acme.com protected',
    ]);
  });

  it('the acting identity (self) never loses admin and is never removed', () => {
    const p = plan({
      self: 'me@x.io',
      desired: [want('me@x.io', { admin: false }), want('other@x.io', { admin: true })],
      actual: [have('me@x.io', { admin: true }), have('other@x.io', { admin: true })],
    });
    expect(p.changes).toEqual([]);
    expect(p.blocked).toMatchObject([{ action: 'update', key: 'me@x.io', reason: 'protected' }]);
    const q = plan({ self: 'me@x.io', desired: [], actual: [have('me@x.io')], policy: { prune: true } });
    expect(q.blocked).toMatchObject([{ action: 'remove', key: 'me@x.io', reason: 'protected' }]);
  });

  it('min-admins: changes that would leave fewer admins than policy.minAdmins are blocked', () => {
    const actual = [have('a@x.io', { admin: true }), have('b@x.io', { admin: true }), have('c@x.io')];
    const ok = plan({
      desired: [want('a@x.io'), want('b@x.io', { admin: false }), want('c@x.io')],
      actual,
      policy: { minAdmins: 1 },
    });
    expect(brief(ok)).toEqual(['1 update b@x.io']);
    const p = plan({ desired: [want('c@x.io')], actual, policy: { minAdmins: 1, prune: true } });
    expect(p.changes).toEqual([]);
    expect(p.blocked.map((b) => `${b.action} ${b.key} ${b.reason}`)).toEqual([
      'remove a@x.io min-admins',
      'remove b@x.io min-admins',
    ]);
    expect(p.blocked[0]!.message).toContain('fewer than policy.minAdmins (1)');
  });

  it('min-admins counts promotions of the same plan', () => {
    const p = plan({
      desired: [want('c@x.io', { admin: true })],
      actual: [have('a@x.io', { admin: true }), have('c@x.io')],
      policy: { minAdmins: 1, prune: true },
    });
    expect(brief(p)).toEqual(['1 remove a@x.io', '2 update c@x.io']);
  });

  it('unsupported: what the platform cannot do is blocked with a sentence', () => {
    const p = plan({
      desired: [want('a@x.io', { state: 'deleted' }), want('b@x.io', { firstName: 'Bo' })],
      actual: [have('a@x.io'), have('b@x.io', { firstName: 'Bob' })],
      capabilities: { pseudonymize: false, updatableFields: ['location'] },
    });
    expect(brief(p)).toEqual(['1 remove a@x.io']);
    expect(p.blocked.map((b) => `${b.action} ${b.reason}`)).toEqual([
      'pseudonymize unsupported',
      'delete unsupported',
      'update unsupported',
    ]);
    expect(p.blocked[2]!.message).toContain('firstName');
  });

  it('unsupported: actions a platform cannot do are blocked with its sentence; invites missing required fields too', () => {
    const p = plan({
      desired: [
        want('a@x.io', { roles: [] }),
        want('n@x.io', { firstName: 'Nora' }),
        want('f@x.io', { firstName: 'F', lastName: 'L' }),
      ],
      actual: [have('a@x.io', { roles: ['CSV'] }), have('gone@x.io')],
      policy: { prune: true },
      capabilities: {
        unsupportedActions: {
          revoke: 'change roles on the Users page',
          remove: 'remove users on the Users page',
        },
        inviteNeeds: ['firstName', 'lastName'],
      },
    });
    expect(brief(p)).toEqual(['1 invite f@x.io []']);
    expect(p.blocked.map((b) => `${b.action} ${b.key}: ${b.message}`)).toEqual([
      'remove gone@x.io: remove users on the Users page',
      'revoke a@x.io: change roles on the Users page',
      'invite n@x.io: this platform needs lastName to invite a new member; set it for n@x.io',
    ]);
  });

  it('quota: invitations past the platform quota wait, in key order', () => {
    const p = plan({ desired: [want('c@x.io'), want('a@x.io'), want('b@x.io')], inviteQuota: 2 });
    expect(brief(p)).toEqual(['1 invite a@x.io []', '1 invite b@x.io []']);
    expect(p.blocked).toMatchObject([{ action: 'invite', key: 'c@x.io', reason: 'quota' }]);
  });
});

describe('seat pools', () => {
  it('counts used seats from invited and active members, and after = used − revokes − removals + grants + invites', () => {
    const p = plan({
      seats: { CSV: 10, XEN: 3 },
      desired: [want('a@x.io', { roles: ['CSV'] }), want('new@x.io', { roles: ['CSV', 'XEN'] })],
      actual: [
        have('a@x.io', { roles: ['CSV', 'XEN'] }),
        have('p@x.io', { status: 'invited', roles: ['CSV'] }),
        have('r@x.io', { status: 'removed', roles: ['XEN'] }),
      ],
      policy: { prune: true },
    });
    expect(p.seats).toEqual([
      { role: 'CSV', total: 10, before: 2, after: 2 },
      { role: 'XEN', total: 3, before: 1, after: 1 },
    ]);
  });

  it('reuses seats freed by revokes and removals of the same plan, which run in an earlier phase', () => {
    const p = plan({
      seats: { XEN: 2 },
      desired: [
        want('a@x.io', { roles: [] }),
        want('c@x.io', { roles: ['XEN'] }),
        want('d@x.io', { roles: ['XEN'] }),
      ],
      actual: [have('a@x.io', { roles: ['XEN'] }), have('b@x.io', { roles: ['XEN'] })],
      policy: { prune: true },
    });
    expect(p.blocked).toEqual([]);
    expect(p.seats).toEqual([{ role: 'XEN', total: 2, before: 2, after: 2 }]);
    expect(brief(p)).toEqual([
      '1 remove b@x.io [XEN]',
      '1 revoke a@x.io [XEN]',
      '2 invite c@x.io [XEN]',
      '2 invite d@x.io [XEN]',
    ]);
  });

  it('no-seats: when a pool would be over-committed every grant and invite needing it is blocked, with the shortfall', () => {
    const p = plan({
      seats: { XEN: 2, CSV: 10 },
      desired: [
        want('a@x.io', { roles: ['CSV', 'XEN'] }),
        want('b@x.io', { roles: ['CSV', 'XEN'] }),
        want('c@x.io', { roles: ['CSV', 'XEN'] }),
      ],
      actual: [have('a@x.io', { roles: ['CSV', 'XEN'] }), have('b@x.io', { roles: [] })],
    });
    expect(p.seats).toContainEqual({ role: 'XEN', total: 2, before: 1, after: 3, shortfall: 1 });
    expect(brief(p)).toEqual(['1 grant b@x.io [CSV]']);
    expect(p.blocked.map((b) => `${b.action} ${b.key} ${b.reason} ${b.roles}`)).toEqual([
      'grant b@x.io no-seats XEN',
      'invite c@x.io no-seats XEN',
    ]);
    expect(p.blocked[0]!.message).toContain('XEN needs 1 more');
  });
});

describe('maxRemovals holds the plan', () => {
  const actual = Array.from({ length: 20 }, (_, i) => have(`u${String(i).padStart(2, '0')}@x.io`));

  it('holds a plan whose removals exceed a count', () => {
    const p = plan({
      desired: actual.slice(0, 17).map((a) => want(a.key)),
      actual,
      policy: { prune: true, maxRemovals: 2 },
    });
    expect(p.held).toBe(true);
    expect(p.removals).toBe(3);
    expect(p.heldReason).toContain('--allow-removals 3');
  });

  it('holds by percentage of current members, counting pseudonymizations and deletions', () => {
    const desired = actual.slice(0, 19).map((a) => want(a.key));
    expect(plan({ desired, actual, policy: { prune: true, maxRemovals: '5%' } }).held).toBe(false); // 1 ≤ 1
    const p = plan({ desired, actual, policy: { prune: true, offboard: 'delete', maxRemovals: '5%' } });
    expect(p.removals).toBe(3);
    expect(p.held).toBe(true);
  });
});

describe('phases, order and digests', () => {
  it('numbers phases without gaps', () => {
    expect(brief(plan({ desired: [want('a@x.io')] }))).toEqual(['1 invite a@x.io []']);
  });

  it('has an actualDigest for an empty target, and digests that follow their inputs only', () => {
    const empty = plan({});
    expect(empty.actualDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(empty.desiredDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const a = plan({ desired: [want('a@x.io', { source: { file: 'one.yaml', line: 3 } })] });
    const b = plan({ desired: [want('a@x.io', { source: { file: 'two.csv', line: 9 } })] });
    expect(a.desiredDigest).toBe(b.desiredDigest);
    expect(plan({ desired: [want('a@x.io', { roles: ['CSV'] })] }).desiredDigest).not.toBe(a.desiredDigest);
    expect(plan({ actual: [have('a@x.io')] }).actualDigest).not.toBe(empty.actualDigest);
    expect(plan({ actual: [have('a@x.io', { roles: ['B', 'A'] })] }).actualDigest).toBe(
      plan({ actual: [have('a@x.io', { roles: ['A', 'B'] })] }).actualDigest,
    );
  });
});

describe('matching actual members to desired ones', () => {
  it('a key the platform lists twice is matched for both when a desired member has it; unmatched ones are pruned', () => {
    const p = plan({
      desired: [want('a@x.io', { roles: ['CSV'] }), want('id-b', { email: 'b@x.io' })],
      actual: [
        have('a@x.io'),
        have('a@x.io', { roles: ['CSV'] }),
        have('b-key', { email: 'b@x.io' }),
        have('b-key', { email: 'b@x.io' }),
        have('c@x.io'),
      ],
      policy: { prune: true },
    });
    expect(brief(p)).toEqual(['1 remove c@x.io']);
  });
});
