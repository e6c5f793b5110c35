import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Emulated3dx, EmulatedMember } from './platform.js';

/**
 * The files an administrator takes from the platform for rollcall to read: the members export (the format
 * rollcall defines, src/providers/3dexperience/export-file.ts) and the seats file ("ROLE Used: N/M").
 */
const HEADER = [
  'user',
  'email',
  'first name',
  'last name',
  'rights',
  'agreement',
  'roles',
  'locked',
  'status',
  'location',
];

function row(m: EmulatedMember): string[] {
  const pseudonymized = m.status === 'Pseudonymized';
  return [
    m.id ?? m.email,
    m.email,
    m.firstName ?? '',
    m.lastName ?? '',
    m.admin ? 'Admin' : 'Member',
    m.contractor ? 'Contractor' : 'Employee',
    pseudonymized ? '' : [...m.roles].sort().join(','),
    [...m.locked].sort().join(','),
    m.status,
    m.location,
  ];
}

/** CSV cell: quoted when it holds ";", a quote or a line break. */
const cell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function membersExport(p: Emulated3dx): string {
  const rows = [HEADER, ...p.members.map(row)];
  return `${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}

export function seatsFile(p: Emulated3dx): string {
  const lines = Object.entries(p.setup.roles)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([role, total]) => `${role}  Used: ${p.used(role)}/${total}`);
  return `# Members Control Center > Invite Members, per role\n${lines.join('\n')}\n`;
}

/** Writes both files, as an administrator refreshing them after the batch reports show OK / KO. */
export function writeExports(p: Emulated3dx, files: { export: string; seats?: string }): void {
  mkdirSync(path.dirname(files.export), { recursive: true });
  writeFileSync(files.export, membersExport(p));
  if (files.seats) writeFileSync(files.seats, seatsFile(p));
}
