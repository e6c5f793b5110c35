import type { SourceLocation } from '../../model/diagnostic.js';
import { looksLikeEmail } from '../../model/key.js';
import { didYouMean } from '../../util/suggest.js';
import type { FormatLoader, LoadContext } from '../load-context.js';
import { columnOf } from '../table/csv-records.js';
import { delimiterHint, isBlankRow, reportReadError, streamRows } from '../table/text-rows.js';

/**
 * The Deepomatic batch invite file (platform-docs/deepomatic-invite-batch*.txt, design §4.3): a header row
 * `Email,First name,Last name,Description`, exactly so and in this order, Description optional. The
 * permission set and site accesses are not in the file: they come from the target's defaults.
 */
export const DEEPOMATIC_COLUMNS = ['Email', 'First name', 'Last name', 'Description'] as const;
const REQUIRED = 3;
const EXPECTED = `header must be "${DEEPOMATIC_COLUMNS.join(',')}" (Description is optional)`;

/** Checks the header row: how many columns the rows have (3 or 4), or the one problem to report. */
export function deepomaticHeader(cells: readonly string[]): { columns: number } | { problem: string } {
  const names = cells.map((c) => c.trim());
  if (
    (names.length === REQUIRED || names.length === DEEPOMATIC_COLUMNS.length) &&
    names.every((n, i) => n === DEEPOMATIC_COLUMNS[i])
  )
    return { columns: names.length };
  return { problem: `${EXPECTED}, found "${cells.join(',')}"${whyNot(names)}` };
}

function whyNot(names: string[]): string {
  const hint = delimiterHint(names, ',', 'Deepomatic invite files are comma-separated');
  if (hint) return hint;
  if (looksLikeEmail(names[0] ?? '')) return '; the first row must be the header';
  const known: readonly string[] = DEEPOMATIC_COLUMNS;
  for (const [i, n] of names.entries()) {
    if (n === '') return `; column ${i + 1} has no name`;
    if (!known.includes(n)) return `; unknown column "${n}"${didYouMean(n, DEEPOMATIC_COLUMNS)}`;
    if (names.indexOf(n) !== i) return `; column "${n}" appears twice`;
  }
  const missing = DEEPOMATIC_COLUMNS.slice(0, REQUIRED).find((c) => !names.includes(c));
  if (missing) return `; column "${missing}" is missing`;
  return '; the columns are out of order';
}

/**
 * Checks one data row, given as `columns` trimmed values, and adds its member. `at(i)` locates value i.
 * Every problem of the row is reported, each at its own column.
 */
export function addDeepomaticRow(
  values: readonly string[],
  at: (index: number) => SourceLocation,
  ctx: LoadContext,
): void {
  const [email = '', firstName = '', lastName = '', description = ''] = values;
  let ok = true;
  for (const [i, value] of [email, firstName, lastName].entries()) {
    if (value !== '') continue;
    ctx.diags.error(at(i), `${DEEPOMATIC_COLUMNS[i]} is empty; it is required`);
    ok = false;
  }
  if (email === '') return;
  ctx.member(
    {
      email,
      ...(firstName && { firstName }),
      ...(lastName && { lastName }),
      ...(description && { description }),
    },
    at(0),
    { keep: ok },
  );
}

export const loadDeepomaticCsv: FormatLoader = async (path, ctx) => {
  const { file, diags } = ctx;
  let columns = 0; // 0 until the header is read
  try {
    for await (const { fields, line } of streamRows(path, ',')) {
      if (columns === 0) {
        const header = deepomaticHeader(fields);
        if ('problem' in header) return diags.error({ file, line, column: 1 }, header.problem);
        columns = header.columns;
        continue;
      }
      if (isBlankRow(fields)) continue;
      // A missing trailing Description (3 fields under a 4-column header) is an empty one.
      if (fields.length !== columns && !(columns === 4 && fields.length === REQUIRED)) {
        diags.error(
          { file, line, column: 1 },
          `expected ${columns} fields separated by ",", found ${fields.length}${delimiterHint(fields, ',', 'Deepomatic invite files are comma-separated')}`,
        );
        continue;
      }
      addDeepomaticRow(
        fields.map((f) => f.trim()),
        (i) => ({ file, line, column: columnOf(fields, i) }),
        ctx,
      );
    }
  } catch (e) {
    if (reportReadError(e, ctx)) return;
    throw e;
  }
  if (columns === 0)
    diags.error(
      { file, line: 1, column: 1 },
      `file is empty: expected the header "${DEEPOMATIC_COLUMNS.join(',')}" and one row per user`,
    );
};
