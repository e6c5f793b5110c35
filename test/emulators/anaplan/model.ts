import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { type Account, type Accounts, localAccounts } from './accounts.js';

/**
 * An Anaplan model's users and their import, emulated from the vendor document only
 * (platform-docs/anaplan-user-import.txt), to check the user import files rollcall writes:
 *
 * - The file is a .txt, .csv or .zip; a .zip must contain a single .txt or .csv file.
 * - "If a user already has an account, the import file must include their email address or their user ID."
 * - "To add a new user, the import must include an email address, their first name, and their last name."
 * - A model role must exist on the Roles tab; a new user imported without one has the No Access role.
 * - Selective access is a comma-separated list ("Products Write, Products Read, Product None").
 * - SSO is true or false.
 * - The import ends with an Import Completed report: how many items imported successfully, and the
 *   others, with the reason of each on its Details tab.
 *
 * Where the document is silent, the choice is written next to the code.
 */
export interface ModelUser {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  /** A role of the Roles tab, or "No Access". */
  role: string;
  access: string[];
  sso: boolean;
}

export interface RowFailure {
  /** Line of the file (the header is line 1). */
  line: number;
  user: string;
  reason: string;
}

export interface ImportReport {
  file: string;
  /** The file could not be imported at all (nothing was). */
  error?: string;
  imported: number;
  failed: RowFailure[];
}

export interface ModelSetup {
  name?: string;
  /** The Roles tab of the Users pane. */
  roles: string[];
  /**
   * The selective access permissions the model's lists offer ("Products Write", …). An assumption: the
   * document only shows the form; without this list any value is taken.
   */
  selectiveAccess?: string[];
  accounts?: Accounts;
}

export const NO_ACCESS = 'No Access';
const COLUMNS = ['Email', 'User ID', 'First Name', 'Last Name', 'Model Role', 'Selective Access', 'SSO'];
/** An assumption: the document does not say which addresses are valid. */
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

export class EmulatedAnaplanModel {
  /** The model's users, by user ID. */
  readonly users = new Map<string, ModelUser>();
  readonly imports: ImportReport[] = [];
  readonly accounts: Accounts;

  constructor(readonly setup: ModelSetup) {
    this.accounts = setup.accounts ?? localAccounts();
  }

  find(email: string): ModelUser | undefined {
    for (const u of this.users.values()) if (u.email.toLowerCase() === email.trim().toLowerCase()) return u;
    return undefined;
  }

  /** A user as the model has it before any import (an account is made when there is none). */
  seed(u: Partial<Omit<ModelUser, 'userId'>> & { email: string }): ModelUser {
    const account =
      this.accounts.byEmail(u.email) ??
      this.accounts.create({ email: u.email, firstName: u.firstName ?? '', lastName: u.lastName ?? '' });
    return this.join(account, u);
  }

  private join(account: Account, u: Partial<ModelUser> = {}): ModelUser {
    const user: ModelUser = {
      userId: account.userId,
      email: account.email,
      firstName: account.firstName,
      lastName: account.lastName,
      role: NO_ACCESS,
      access: [],
      sso: false, // an assumption: SSO is off until an import or an administrator turns it on
      ...u,
    };
    this.users.set(user.userId, user);
    return user;
  }

  /** Run Import on one file. */
  importFile(name: string, content: Uint8Array | string): ImportReport {
    const report: ImportReport = { file: name, imported: 0, failed: [] };
    this.imports.push(report);
    const table = readTable(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    if (typeof table === 'string') {
      report.error = table;
      return report;
    }
    const [header = [], ...rows] = table;
    // An assumption: every column must map to a user attribute; the document lists no others.
    const byName = new Map(COLUMNS.map((c) => [c.toLowerCase(), c]));
    const columns = header.map((h) => byName.get(h.trim().toLowerCase()));
    const unknown = header.find((_h, i) => !columns[i]);
    if (unknown !== undefined) {
      report.error = `column "${unknown.trim()}" does not map to a user attribute`;
      return report;
    }
    if (!columns.includes('Email') && !columns.includes('User ID')) {
      report.error = 'the file has neither an Email nor a User ID column';
      return report;
    }
    rows.forEach((cells, i) => {
      if (cells.every((c) => c.trim() === '')) return;
      // Values are trimmed (an assumption, as in the other emulators; the document does not say).
      const v = (c: string) => (cells[columns.indexOf(c)] ?? '').trim();
      const reason = this.importRow(v);
      if (reason) report.failed.push({ line: i + 2, user: v('Email') || v('User ID'), reason });
      else report.imported++;
    });
    return report;
  }

  /** One row: checked whole, then applied; the reason it was not imported, if any. */
  private importRow(v: (column: string) => string): string | undefined {
    const email = v('Email');
    const id = v('User ID');
    if (!email && !id) return 'the row gives neither an email address nor a user ID';
    let account: Account | undefined;
    if (id) {
      account = this.accounts.byId(id);
      if (!account && !email) return `no user has the user ID "${id}"`;
      if (account && email && account.email.toLowerCase() !== email.toLowerCase())
        return `user ID "${id}" belongs to another email address`;
    }
    account ??= email ? this.accounts.byEmail(email) : undefined;
    const first = v('First Name');
    const last = v('Last Name');
    if (!account) {
      if (!email || !first || !last) return 'a new user needs an email address, a first name and a last name';
      if (!EMAIL.test(email)) return `"${email}" is not a valid email address`;
    }
    const roleCell = v('Model Role');
    const role =
      roleCell === ''
        ? undefined
        : roleCell.toLowerCase() === NO_ACCESS.toLowerCase()
          ? NO_ACCESS
          : this.setup.roles.find((r) => r.toLowerCase() === roleCell.toLowerCase());
    if (role === undefined && roleCell !== '')
      return `model role "${roleCell}" does not exist on the Roles tab`;
    const access = v('Selective Access')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    const known = this.setup.selectiveAccess;
    const stranger = known && access.find((a) => !known.includes(a));
    if (stranger) return `selective access "${stranger}" is not a permission of this model's lists`;
    const ssoCell = v('SSO').toLowerCase();
    if (ssoCell !== '' && ssoCell !== 'true' && ssoCell !== 'false')
      return `SSO must be true or false, not "${v('SSO')}"`;

    account ??= this.accounts.create({ email, firstName: first, lastName: last });
    const user = this.users.get(account.userId) ?? this.join(account);
    // An empty cell leaves that attribute as it is (a new user: No Access, no selective access).
    if (role !== undefined) user.role = role;
    if (access.length > 0) user.access = access;
    if (ssoCell !== '') user.sso = ssoCell === 'true';
    if (first) user.firstName = first;
    if (last) user.lastName = last;
    return undefined;
  }
}

/** The Import Completed dialog, with its Details tab. */
export function importCompleted(r: ImportReport): string {
  if (r.error) return `Import failed: ${r.file}\n${r.error}\n`;
  const lines = [
    'Import Completed',
    `${r.imported} item${r.imported === 1 ? '' : 's'} imported successfully, ${r.failed.length} not imported.`,
  ];
  if (r.failed.length > 0)
    lines.push('Details', ...r.failed.map((f) => `  line ${f.line} (${f.user}): ${f.reason}`));
  return `${lines.join('\n')}\n`;
}

/** The file's rows as text cells, or why it cannot be read. */
function readTable(name: string, bytes: Uint8Array): string[][] | string {
  const ext = extension(name);
  if (ext === '.zip') {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(bytes);
    } catch {
      return 'not a readable .zip file';
    }
    const files = Object.keys(entries).filter((n) => !n.endsWith('/'));
    if (files.length !== 1)
      return `a .zip file must contain a single .txt or .csv file (found ${files.length})`;
    const inner = files[0]!;
    if (inner.includes('/') || !['.csv', '.txt'].includes(extension(inner)))
      return 'a .zip file must contain a single .txt or .csv file';
    return readTable(inner, entries[inner]!);
  }
  if (ext !== '.csv' && ext !== '.txt') return 'the file must be saved with a .txt, .csv or .zip extension';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return 'the file is not UTF-8 text';
  }
  try {
    // An assumption: .txt files are tab-separated (design §4.4), .csv files comma-separated.
    return parse(text, {
      delimiter: ext === '.txt' ? '\t' : ',',
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    return `not a readable ${ext} file (${(e as Error).message})`;
  }
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot).toLowerCase();
}
