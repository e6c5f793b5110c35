import path from 'node:path';
import { Diagnostics, type SourceLocation } from '../../model/diagnostic.js';
import { looksLikeEmail } from '../../model/key.js';
import { didYouMean } from '../../util/suggest.js';
import type { FormatLoader, LoadContext, MemberInput } from '../load-context.js';
import { columnOf } from '../table/csv-records.js';
import { delimiterHint, isBlankRow, reportReadError, streamRows } from '../table/text-rows.js';
import { withSingleEntry, ZipError } from '../table/zip.js';
import { anaplanRowRoles } from './row-roles.js';

/**
 * The Anaplan user import file (platform-docs/anaplan-user-import.txt, design §4.4): named columns in any
 * order, names case-insensitive. `.csv` is comma-separated, `.txt` tab-separated, `.zip` holds one of them.
 */
export const ANAPLAN_COLUMNS = [
  'Email',
  'User ID',
  'First Name',
  'Last Name',
  'Model Role',
  'Selective Access',
  'SSO',
] as const;
type Column = (typeof ANAPLAN_COLUMNS)[number];
const BY_LOWER = new Map<string, Column>(ANAPLAN_COLUMNS.map((c) => [c.toLowerCase(), c]));

/** The role that means none (the import's default when no model role is given). */
const NO_ACCESS = 'no access';

export const loadAnaplanCsv: FormatLoader = (file, ctx) => readAnaplanRows(file, ',', ctx);
export const loadAnaplanTxt: FormatLoader = (file, ctx) => readAnaplanRows(file, '\t', ctx);

/**
 * A ZIP holding one .csv or .txt file, streamed from the archive. Archive problems are located at the
 * archive's 1:1; a row problem keeps the archive as the file and names the entry first in the message.
 */
export const loadAnaplanZip: FormatLoader = async (file, ctx) => {
  try {
    // Row problems are kept aside until the whole entry has been read and its size checked: a damaged or
    // forged archive is refused for what it is, not by a flood of errors about rows it made up.
    const rows = new Diagnostics();
    await withSingleEntry(file, { extensions: ['.csv', '.txt'] }, async (entry) => {
      const inEntry: LoadContext = { ...ctx, diags: new PrefixedDiagnostics(rows, `${entry.name}: `) };
      const delimiter = path.extname(entry.name).toLowerCase() === '.txt' ? '\t' : ',';
      await readAnaplanRows(entry.data, delimiter, inEntry);
    });
    ctx.diags.merge(rows);
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    for (const p of e.problems) ctx.diags.error({ file: ctx.file, line: 1, column: 1 }, p);
  }
};

/** Reports to another Diagnostics with a prefix before each message (the entry of an archive). */
class PrefixedDiagnostics extends Diagnostics {
  constructor(
    private readonly to: Diagnostics,
    private readonly prefix: string,
  ) {
    super();
  }
  override error(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.to.error(loc, this.prefix + message);
  }
  override warn(loc: { file: string; line?: number; column?: number }, message: string): void {
    this.to.warn(loc, this.prefix + message);
  }
}

/** Reads the header and the rows of delimited text. Errors other than the file's own are rethrown. */
export async function readAnaplanRows(
  source: string | AsyncIterable<Uint8Array>,
  delimiter: ',' | '\t',
  ctx: LoadContext,
): Promise<void> {
  let header: Map<Column, number> | undefined;
  try {
    for await (const { fields, line } of streamRows(source, delimiter)) {
      if (!header) {
        header = readHeader(fields, line, delimiter, ctx);
        if (!header) return; // the columns are unknown: reading rows would only mislead
        continue;
      }
      if (isBlankRow(fields)) continue;
      readRow(fields, line, header, delimiter, ctx);
    }
  } catch (e) {
    if (reportReadError(e, ctx)) return;
    throw e;
  }
  if (!header)
    ctx.diags.error(
      { file: ctx.file, line: 1, column: 1 },
      `file is empty: expected a header row naming its columns (${ANAPLAN_COLUMNS.join(', ')})`,
    );
}

const separator = (d: string) => (d === '\t' ? 'tab' : 'comma');
const delimiterNote = (d: string) =>
  `this ${d === '\t' ? '.txt' : '.csv'} file is read as ${separator(d)}-separated (.csv: comma, .txt: tab)`;

/** Maps each column to its index; reports every unknown, unnamed or repeated column. */
function readHeader(
  fields: string[],
  line: number,
  delimiter: string,
  ctx: LoadContext,
): Map<Column, number> | undefined {
  const { file, diags } = ctx;
  const at = (i: number) => ({ file, line, column: columnOf(fields, i) });
  const names = fields.map((f) => f.trim());
  if (looksLikeEmail(names[0] ?? '')) {
    diags.error(
      at(0),
      `the first row must be a header naming the columns (${ANAPLAN_COLUMNS.join(', ')}); found "${names[0]}"`,
    );
    return undefined;
  }
  const hint = delimiterHint(fields, delimiter, delimiterNote(delimiter));
  const header = new Map<Column, number>();
  let ok = true;
  names.forEach((name, i) => {
    const column = BY_LOWER.get(name.toLowerCase());
    if (name === '') diags.error(at(i), `column ${i + 1} has no name`);
    else if (!column)
      diags.error(
        at(i),
        `unknown column "${name}"${didYouMean(name, ANAPLAN_COLUMNS) || `; known columns: ${ANAPLAN_COLUMNS.join(', ')}`}${hint}`,
      );
    else if (header.has(column))
      diags.error(at(i), `column "${column}" appears twice (also column ${header.get(column)! + 1})`);
    else {
      header.set(column, i);
      return;
    }
    ok = false;
  });
  if (!ok) return undefined;
  if (!header.has('Email') && !header.has('User ID')) {
    diags.error(at(0), 'header names neither "Email" nor "User ID": a row names its user by one of them');
    return undefined;
  }
  return header;
}

function readRow(
  fields: string[],
  line: number,
  header: Map<Column, number>,
  delimiter: string,
  ctx: LoadContext,
): void {
  const { file, diags } = ctx;
  if (fields.length !== header.size) {
    diags.error(
      { file, line, column: 1 },
      `expected ${header.size} fields separated by ${separator(delimiter) === 'tab' ? 'tabs' : '","'}, found ${fields.length}${delimiterHint(fields, delimiter, delimiterNote(delimiter))}`,
    );
    return;
  }
  const at = (c: Column): SourceLocation => ({ file, line, column: columnOf(fields, header.get(c) ?? 0) });
  const value = (c: Column): string | undefined => {
    const i = header.get(c);
    return i === undefined ? undefined : fields[i]!.trim();
  };
  let ok = true;
  const input: MemberInput = {};

  const email = value('Email') ?? '';
  const id = value('User ID') ?? '';
  if (email === '' && id === '') {
    diags.error(
      at(header.has('Email') ? 'Email' : 'User ID'),
      'row names no user: give an Email or a User ID',
    );
    return;
  }
  if (email !== '') input.email = email;
  if (id !== '') input.id = id;

  const firstName = value('First Name');
  const lastName = value('Last Name');
  if (firstName) input.firstName = firstName;
  if (lastName) input.lastName = lastName;

  const sso = value('SSO')?.toLowerCase();
  if (sso === 'true' || sso === 'false') input.sso = sso === 'true';
  else if (sso) {
    diags.error(at('SSO'), `SSO must be "true" or "false", found "${value('SSO')}"`);
    ok = false;
  }

  // An empty cell or no column is not an instruction: the defaults decide, or the model role is unmanaged.
  const role = value('Model Role');
  const cell = !role ? role : role.toLowerCase() === NO_ACCESS ? ([] as const) : catalogName(role, ctx);
  const { roles, managedRoles } = anaplanRowRoles(ctx, cell);
  input.roles = roles;

  // Like an empty SSO, an empty Selective Access leaves the field unset (unmanaged, or the defaults').
  const access = value('Selective Access');
  if (access) input.access = [...new Set(access.split(',').map((a) => a.trim()))].filter((a) => a !== '');

  const member = ctx.member(input, at(email !== '' ? 'Email' : 'User ID'), {
    rolesAt: header.has('Model Role') ? at('Model Role') : undefined,
    keep: ok,
  });
  if (member && managedRoles) member.managedRoles = managedRoles;
}

/** A model role as the catalog spells it, when only the case differs (column names ignore case too). */
function catalogName(role: string, ctx: LoadContext): string {
  const catalog = ctx.roles;
  if (!catalog.defined || catalog.has(role)) return role;
  const lower = role.toLowerCase();
  return catalog.names.find((n) => n.toLowerCase() === lower) ?? role;
}
