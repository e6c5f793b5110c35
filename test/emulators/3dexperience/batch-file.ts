import { parse } from 'csv-parse/sync';

/**
 * The batch file as the platform reads it (platform-docs/3dexperience-invite-members-csv.txt): rows of
 * `user;rights;agreement;roles;mail;remove;passport;force;location`, a first row equal to those names being
 * a header. Values are trimmed; words are compared case-insensitively. Written from the vendor document only.
 */
export const COLUMNS = [
  'user',
  'rights',
  'agreement',
  'roles',
  'mail',
  'remove',
  'passport',
  'force',
  'location',
];

export interface BatchLine {
  line: number;
  /** Nine trimmed values, or the problem with the row. */
  values?: Record<(typeof COLUMNS)[number], string>;
  problem?: string;
}

export function readBatchFile(text: string): BatchLine[] {
  const records = parse(text.replace(/^\uFEFF/, ''), {
    delimiter: ';',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const out: BatchLine[] = [];
  records.forEach(({ record, info }, i) => {
    const values = record.map((v) => v.trim());
    if (i === 0 && values.map((v) => v.toLowerCase()).join(';') === COLUMNS.join(';')) return;
    if (values.length !== COLUMNS.length) {
      out.push({
        line: info.lines,
        problem: `expected ${COLUMNS.length} values separated by ";", found ${values.length}`,
      });
      return;
    }
    out.push({ line: info.lines, values: Object.fromEntries(COLUMNS.map((c, j) => [c, values[j]!])) });
  });
  return out;
}

const word = (v: string) => v.trim().toLowerCase();

/** "admin" and "1" give admin rights; any other value member rights. */
export const isAdmin = (v: string) => ['admin', '1'].includes(word(v));
/** "contractor" or "1" stand for external users; any other value for employees. */
export const isContractor = (v: string) => ['contractor', '1'].includes(word(v));
/** "false", "no", "nomail" and "0" disable the Getting started e-mail; any other value enables it. */
export const sendsMail = (v: string) => !['false', 'no', 'nomail', '0'].includes(word(v));
/** "passport", "true", "yes", "1" update the user's data from the Passport service. */
export const callsPassport = (v: string) => ['passport', 'true', 'yes', '1'].includes(word(v));
/** "force", "true", "yes", "1" force synchronization of the mandatory parameters (… role, status). */
export const forcesSync = (v: string) => ['force', 'true', 'yes', '1'].includes(word(v));

export type RemoveOption = 'none' | 'remove' | 'pseudonymize' | 'delete';
/** remove/true/yes/1 remove; false/no/0/empty no impact; 2 pseudonymize; 3 delete. Anything else: undefined. */
export function removeOption(v: string): RemoveOption | undefined {
  const w = word(v);
  if (['remove', 'true', 'yes', '1'].includes(w)) return 'remove';
  if (['false', 'no', '0', ''].includes(w)) return 'none';
  if (w === '2') return 'pseudonymize';
  if (w === '3') return 'delete';
  return undefined;
}

/** The cloud locations of the document; empty is the platform default. */
export const LOCATIONS = [
  'APC2',
  'EU2',
  'USW2',
  'APK2',
  'AP2',
  'APT2',
  'EUW1',
  'EU1',
  'APH1',
  'USE1',
  'INDW2',
  'USW1',
  'APH7',
  'APS2',
  'DSHQ1',
  'EUW6',
];
