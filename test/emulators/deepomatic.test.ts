import { describe, expect, it } from 'vitest';
import { usersExport } from './deepomatic/export.js';
import { EmulatedDeepomatic } from './deepomatic/platform.js';

/** The emulator itself, against the rules of platform-docs/deepomatic-invite-batch*.txt. */
const platform = () => new EmulatedDeepomatic({ roles: ['Viewer', 'Annotator'], sites: ['Lyon'] });
const viewers = { roles: ['Viewer'], sites: ['Lyon'] };

describe('emulated Deepomatic organization', () => {
  it('refuses a file whose columns are not Email, First name, Last name, Description in this order', async () => {
    const p = platform();
    for (const header of ['First name,Email,Last name', 'Email;First name;Last name', 'Email,First name'])
      expect((await p.importFile('a.csv', `${header}\nann@acme.com,Ann,Lee\n`, viewers)).error).toMatch(
        /does not conform to the required structure/,
      );
    expect(p.users).toEqual([]);
  });

  it('needs a permission set for the import, one for every user of the file', async () => {
    const p = platform();
    const csv = 'Email,First name,Last name\nann@acme.com,Ann,Lee\nbob@acme.com,Bob,Ray\n';
    expect((await p.importFile('a.csv', csv, { roles: [], sites: [] })).error).toBe(
      'set the permissions of the imported users',
    );
    expect((await p.importFile('a.csv', csv, viewers)).invited).toBe(2);
    expect(p.users.map((u) => `${u.email} ${u.roles} ${u.sites} ${u.status}`)).toEqual([
      'ann@acme.com Viewer Lyon Invite Pending',
      'bob@acme.com Viewer Lyon Invite Pending',
    ]);
  });

  it('counts only valid users: an e-mail address, a first and a last name; expired invitations are sent again', async () => {
    const p = platform();
    p.seed({ email: 'old@acme.com', status: 'Invite Expired' });
    p.seed({ email: 'ada@acme.com', status: 'Active' });
    const r = await p.importFile(
      'a.csv',
      'Email,First name,Last name,Description\nnot-an-address,A,B,\ncy@acme.com,,Lee,\nold@acme.com,Old,Timer,back\nada@acme.com,Ada,L,\n',
      viewers,
    );
    expect(r.invited).toBe(1);
    expect(r.skipped.map((s) => `${s.row} ${s.reason}`)).toEqual([
      '2 not a valid e-mail address',
      '3 first and last name are required',
      '5 already Active',
    ]);
    expect(usersExport(p).split('\r\n')[1]).toBe('old@acme.com,Old,Timer,back,Viewer,Lyon,Invite Pending');
  });
});
