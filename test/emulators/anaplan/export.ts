import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatedAnaplanModel } from './model.js';

/**
 * The model's users export as rollcall reads it (src/providers/anaplan/users-export.ts): the columns of
 * the user import file, one row per user of the model, sorted by e-mail. `.txt` is tab-separated.
 */
const HEADER = ['Email', 'User ID', 'First Name', 'Last Name', 'Model Role', 'Selective Access', 'SSO'];

export function modelUsersExport(m: EmulatedAnaplanModel, delimiter: ',' | '\t' = ','): string {
  const cell = (v: string) =>
    v.includes(delimiter) || /["\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  const users = [...m.users.values()].sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const rows = [
    HEADER,
    ...users.map((u) => [
      u.email,
      u.userId,
      u.firstName,
      u.lastName,
      u.role,
      u.access.join(', '),
      String(u.sso),
    ]),
  ];
  return `${rows.map((r) => r.map(cell).join(delimiter)).join('\r\n')}\r\n`;
}

export function writeModelUsersExport(m: EmulatedAnaplanModel, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, modelUsersExport(m, file.endsWith('.txt') ? '\t' : ','));
}
