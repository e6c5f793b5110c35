import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { localAccounts } from './accounts.js';
import { modelUsersExport } from './export.js';
import { EmulatedAnaplanModel, importCompleted } from './model.js';

/** The emulator itself, against the rules of platform-docs/anaplan-user-import.txt. */
function model() {
  const m = new EmulatedAnaplanModel({
    roles: ['Full Access', 'Planner', 'Viewer'],
    selectiveAccess: ['Products Write', 'Products Read', 'Products None'],
    accounts: localAccounts(),
  });
  m.seed({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace', role: 'Planner' });
  return m;
}

describe('emulated Anaplan model user import', () => {
  it('updates existing users by e-mail or user ID; a new user needs e-mail, first and last name', () => {
    const m = model();
    const ada = m.find('ada@acme.com')!;
    const csv = [
      'Email,User ID,First Name,Last Name,Model Role,Selective Access,SSO',
      'ADA@acme.com,,,,Viewer,,true',
      `,${ada.userId},,,,"Products Read, Products None",`,
      'grace@acme.com,,Grace,Hopper,,,',
      'alan@acme.com,,Alan,,Planner,,',
      ',,,,Viewer,,',
      ',8a81unknown,,,Viewer,,',
    ].join('\n');
    const r = m.importFile('users.csv', csv);
    expect(r.error).toBeUndefined();
    expect(r.imported).toBe(3);
    expect(r.failed).toEqual([
      {
        line: 5,
        user: 'alan@acme.com',
        reason: 'a new user needs an email address, a first name and a last name',
      },
      { line: 6, user: '', reason: 'the row gives neither an email address nor a user ID' },
      { line: 7, user: '8a81unknown', reason: 'no user has the user ID "8a81unknown"' },
    ]);
    expect(m.find('ada@acme.com')).toMatchObject({
      role: 'Viewer',
      sso: true,
      access: ['Products Read', 'Products None'],
      firstName: 'Ada',
    });
    // No model role in the import: the new user has the No Access role.
    expect(m.find('grace@acme.com')).toMatchObject({ role: 'No Access', access: [], sso: false });
    expect(m.find('alan@acme.com')).toBeUndefined();
    expect(importCompleted(r)).toBe(
      [
        'Import Completed',
        '3 items imported successfully, 3 not imported.',
        'Details',
        '  line 5 (alan@acme.com): a new user needs an email address, a first name and a last name',
        '  line 6 (): the row gives neither an email address nor a user ID',
        '  line 7 (8a81unknown): no user has the user ID "8a81unknown"',
        '',
      ].join('\n'),
    );
  });

  it('refuses a row whose role is not on the Roles tab, an unknown selective access, SSO not true/false', () => {
    const m = model();
    const r = m.importFile(
      'users.txt',
      [
        'Email\tModel Role\tSelective Access\tSSO',
        'ada@acme.com\tReviewer\t\t',
        'ada@acme.com\t\tRegions Write\t',
        'ada@acme.com\t\t\tyes',
        'ada@acme.com\tno access\t\t',
      ].join('\n'),
    );
    expect(r.failed.map((f) => f.reason)).toEqual([
      'model role "Reviewer" does not exist on the Roles tab',
      `selective access "Regions Write" is not a permission of this model's lists`,
      'SSO must be true or false, not "yes"',
    ]);
    expect(r.imported).toBe(1);
    expect(m.find('ada@acme.com')!.role).toBe('No Access');
  });

  it('takes .txt, .csv, or a .zip holding one of them; nothing else', () => {
    const m = model();
    const csv = 'Email,Model Role\nada@acme.com,Viewer\n';
    expect(m.importFile('users.xlsx', csv).error).toBe(
      'the file must be saved with a .txt, .csv or .zip extension',
    );
    const two = zipSync({ 'a.csv': strToU8(csv), 'b.csv': strToU8(csv) });
    expect(m.importFile('users.zip', two).error).toBe(
      'a .zip file must contain a single .txt or .csv file (found 2)',
    );
    expect(m.importFile('users.zip', zipSync({ 'u.csv': strToU8(csv) }))).toMatchObject({ imported: 1 });
    expect(m.importFile('users.csv', 'Mail,Model Role\nada@acme.com,Viewer\n').error).toBe(
      'column "Mail" does not map to a user attribute',
    );
    expect(m.find('ada@acme.com')!.role).toBe('Viewer');
  });

  it('exports its users in the columns of the import, sorted by e-mail', () => {
    const m = model();
    m.seed({
      email: 'bob@acme.com',
      firstName: 'Bob',
      lastName: 'Ray, Jr.',
      access: ['Products Read'],
      sso: true,
    });
    const ids = [...m.users.values()].map((u) => u.userId);
    expect(modelUsersExport(m)).toBe(
      [
        'Email,User ID,First Name,Last Name,Model Role,Selective Access,SSO',
        `ada@acme.com,${ids[0]},Ada,Lovelace,Planner,,false`,
        `bob@acme.com,${ids[1]},Bob,"Ray, Jr.",No Access,Products Read,true`,
        '',
      ].join('\r\n'),
    );
  });
});
