import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { EmulatedDeepomatic, type Status } from './platform.js';

/** An organization in the state a users export describes (the example's file). */
export function organizationFromExport(file: string, setup: { roles: string[]; sites: string[] }) {
  const p = new EmulatedDeepomatic(setup);
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, trim: true }) as Record<string, string>[];
  const list = (v = '') =>
    v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  for (const r of rows)
    p.seed({
      email: r.Email!,
      firstName: r['First name'] ?? '',
      lastName: r['Last name'] ?? '',
      description: r.Description ?? '',
      roles: list(r.Role),
      sites: list(r['Site accesses']),
      status: r.Status as Status,
    });
  return p;
}
