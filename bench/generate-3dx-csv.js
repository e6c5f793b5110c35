// Writes a 3DEXPERIENCE batch CSV (design §4.2) of N rows (default 1,000,000) to bench/data/, with a
// realistic mix of rights, agreements, roles, mail, remove and location values (and their spellings).
// Deterministic: the same N gives the same file. Usage: node bench/generate-3dx-csv.js [rows] [file]
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from './random.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const rows = Number(process.argv[2] ?? 1_000_000);
const file = process.argv[3] ?? path.join(HERE, 'data', '3dx-members.csv');
if (!Number.isInteger(rows) || rows < 1)
  throw new Error(`rows must be a positive integer, got ${process.argv[2]}`);

const random = seededRandom(0x5eed);
/** Picks from [[weight, value], …]. */
function pick(table) {
  const total = table.reduce((sum, [w]) => sum + w, 0);
  let r = random() * total;
  for (const [w, v] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return table[table.length - 1][1];
}

const RIGHTS = [
  [90, 'member'],
  [4, ''],
  [2, '0'],
  [2, 'admin'],
  [1, 'Admin'],
  [1, '1'],
];
const AGREEMENT = [
  [80, 'employee'],
  [5, ''],
  [3, '0'],
  [10, 'contractor'],
  [2, '1'],
];
const ROLES = [
  [30, 'CSV'],
  [20, 'CSV,XEN'],
  [10, 'XEN'], // prerequisite CSV added by the catalog
  [10, 'CSV,IFW'],
  [6, 'csv, xen, ifw'],
  [5, 'IFW,RAP-ACME0001'],
  [4, 'CSV,MAP-APP00042'],
  [3, 'CSV,XEN,IFW,RAP-ACME0001,MAP-APP00042'],
  [7, 'DES,CSV'],
  [5, ''],
];
const MAIL = [
  [60, ''],
  [20, 'yes'],
  [10, 'no'],
  [5, 'nomail'],
  [3, 'true'],
  [2, 'false'],
];
const REMOVE = [
  [88, ''],
  [3, 'no'],
  [2, '0'],
  [4, 'remove'],
  [1, 'yes'],
  [1, '2'],
  [1, '3'],
];
const FLAG = [
  [95, ''],
  [3, 'no'],
  [1, 'yes'],
  [1, '1'],
];
const LOCATION = [
  [30, 'EU1'],
  [15, 'USE1'],
  [10, ''],
  [8, 'EUW1'],
  [6, 'eu2'],
  [5, 'USW2'],
  [4, 'APT2'],
  [3, 'APC2'],
  [3, 'APK2'],
  [3, 'AP2'],
  [3, 'APH1'],
  [2, 'INDW2'],
  [2, 'USW1'],
  [2, 'APH7'],
  [2, 'APS2'],
  [1, 'DSHQ1'],
  [1, 'EUW6'],
];
const DOMAINS = ['acme.com', 'acme.fr', 'supplier-one.de', 'Partner.example.org'];

mkdirSync(path.dirname(file), { recursive: true });
const fd = openSync(file, 'w');
const header = 'user;rights;agreement;roles;mail;remove;passport;force;location\n';
let buffer = header;
for (let i = 0; i < rows; i++) {
  // Mostly e-mails (some with upper-case letters and spaces to normalize), some 3DPassport ids.
  const user =
    random() < 0.05
      ? `p${i.toString(36).padStart(7, '0')}`
      : `${random() < 0.1 ? ' ' : ''}${random() < 0.2 ? 'User' : 'user'}.${i}@${DOMAINS[i % DOMAINS.length]}`;
  const cells = [
    user,
    pick(RIGHTS),
    pick(AGREEMENT),
    pick(ROLES),
    pick(MAIL),
    pick(REMOVE),
    pick(FLAG),
    pick(FLAG),
    pick(LOCATION),
  ];
  // Role lists with a comma need no quoting (";" separates fields); quote a few anyway, as Excel does.
  if (cells[3].includes(' ')) cells[3] = `"${cells[3]}"`;
  buffer += `${cells.join(';')}\n`;
  if (buffer.length > 1 << 20) {
    writeSync(fd, buffer);
    buffer = '';
  }
}
writeSync(fd, buffer);
closeSync(fd);
console.log(`${file}: ${rows.toLocaleString('en-US')} rows`);
