import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmulatedDeepomatic } from './platform.js';

/** The users export as rollcall reads it (src/providers/deepomatic/export-file.ts). */
const HEADER = ['Email', 'First name', 'Last name', 'Description', 'Role', 'Site accesses', 'Status'];
const cell = (v: string) => (/[,"\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function usersExport(p: EmulatedDeepomatic): string {
  const rows = [
    HEADER,
    ...p.users.map((u) => [
      u.email,
      u.firstName,
      u.lastName,
      u.description,
      u.roles.join(', '),
      u.sites.join(', '),
      u.status,
    ]),
  ];
  return `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function writeUsersExport(p: EmulatedDeepomatic, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, usersExport(p));
}
