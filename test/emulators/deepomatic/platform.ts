import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';

/**
 * A Deepomatic organization's user management, emulated from the vendor documents only
 * (platform-docs/deepomatic-invite-batch*.txt), to check the invite files rollcall writes:
 *
 * - An import names a role and site accesses, chosen when the file is imported: one permission set for
 *   every user of the file ("setting permissions … is necessary to complete the group user import").
 * - The checking step refuses a file whose structure is wrong: the columns Email, First name, Last name,
 *   Description (optional), named and in this order.
 * - Each user needs a valid e-mail address, a first and a last name; the others are not invited, and the
 *   import reports "the number of valid users successfully invited".
 *
 * Where the documents are silent, the choice is written next to the code.
 */
export type Status = 'Active' | 'Invite Pending' | 'Invite Expired';

export interface User {
  email: string;
  firstName: string;
  lastName: string;
  description: string;
  roles: string[];
  sites: string[];
  status: Status;
}

export interface ImportResult {
  /** The checking step's error message: nothing was imported. */
  error?: string;
  invited: number;
  /** Rows not invited, with why (the documents only promise the count). */
  skipped: { row: number; email: string; reason: string }[];
}

export interface Permission {
  roles: readonly string[];
  sites: readonly string[];
}

const HEADER = ['Email', 'First name', 'Last name', 'Description'];
/** "a valid email format": the ASCII form HTML e-mail inputs accept (an assumption: not in the documents). */
const VALID_EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export class EmulatedDeepomatic {
  readonly users: User[] = [];
  readonly imports: (ImportResult & { name: string; permission: Permission })[] = [];

  constructor(readonly setup: { roles: string[]; sites: string[] }) {}

  find(email: string): User | undefined {
    return this.users.find((u) => u.email.toLowerCase() === email.trim().toLowerCase());
  }

  seed(u: Partial<User> & { email: string }): User {
    const user: User = {
      firstName: '',
      lastName: '',
      description: '',
      roles: [],
      sites: [],
      status: 'Active',
      ...u,
    };
    this.users.push(user);
    return user;
  }

  accept(email: string): void {
    const u = this.find(email);
    if (u?.status !== 'Invite Pending') throw new Error(`${email} has no pending invitation`);
    u.status = 'Active';
  }

  expire(email: string): void {
    const u = this.find(email);
    if (u?.status !== 'Invite Pending') throw new Error(`${email} has no pending invitation`);
    u.status = 'Invite Expired';
  }

  /** Import CSV file, with the role and site accesses chosen for it. */
  async importFile(
    name: string,
    content: Uint8Array | string,
    permission: Permission,
  ): Promise<ImportResult> {
    const result = this.check(await rows(name, content), permission);
    this.imports.push({ ...result, name, permission });
    return result;
  }

  private check(table: string[][] | string, permission: Permission): ImportResult {
    const refused = (error: string): ImportResult => ({ error, invited: 0, skipped: [] });
    if (typeof table === 'string') return refused(table);
    if (permission.roles.length === 0) return refused('set the permissions of the imported users');
    const unknown = [...permission.roles, ...permission.sites].filter(
      (x) => !this.setup.roles.includes(x) && !this.setup.sites.includes(x),
    );
    if (unknown.length) return refused(`no such role or site: ${unknown.join(', ')}`);
    const [header = [], ...body] = table;
    const names = header.map((h) => h.trim());
    while (names.length > 3 && names[names.length - 1] === '') names.pop();
    if (!(names.length === 3 || names.length === 4) || names.some((n, i) => n !== HEADER[i]))
      return refused(
        'the file does not conform to the required structure (Email, First name, Last name, Description)',
      );
    const result: ImportResult = { invited: 0, skipped: [] };
    for (const [i, cells] of body.entries()) {
      // Values are trimmed (an assumption: the documents do not say).
      const [email = '', firstName = '', lastName = '', description = ''] = cells.map((c) => c.trim());
      if (cells.every((c) => c.trim() === '')) continue;
      const why = !VALID_EMAIL.test(email)
        ? 'not a valid e-mail address'
        : !firstName || !lastName
          ? 'first and last name are required'
          : undefined;
      const existing = this.find(email);
      // A user already in the organization is not invited again; an expired invitation is sent again.
      const skip =
        why ?? (existing && existing.status !== 'Invite Expired' ? `already ${existing.status}` : undefined);
      if (skip) {
        result.skipped.push({ row: i + 2, email, reason: skip });
        continue;
      }
      const user = existing ?? this.seed({ email });
      Object.assign(user, {
        firstName,
        lastName,
        description,
        roles: [...permission.roles],
        sites: [...permission.sites],
        status: 'Invite Pending',
      });
      result.invited++;
    }
    return result;
  }
}

/** The rows of a .csv or .xlsx file as text cells, or why the file cannot be read. */
async function rows(name: string, content: Uint8Array | string): Promise<string[][] | string> {
  if (name.toLowerCase().endsWith('.xlsx')) {
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    try {
      const sheet = await readSheet(data);
      return sheet.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
    } catch (e) {
      return `not a readable .xlsx file (${(e as Error).message})`;
    }
  }
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  try {
    return parse(text.replace(/^\uFEFF/, ''), {
      delimiter: ',',
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    return `not a readable .csv file (${(e as Error).message})`;
  }
}
