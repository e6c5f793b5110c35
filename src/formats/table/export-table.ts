import type { Diagnostics } from '../../model/diagnostic.js';
import { didYouMean } from '../../util/suggest.js';
import { columnOf } from './csv-records.js';
import { isBlankRow, readErrorLocation, streamRows } from './text-rows.js';

/** The header of a platform export: which columns it may have, which it must, and how it is split. */
export interface ExportHeader<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  delimiter: string;
  /** Said when the header is one field that holds another separator: how this file is read. */
  delimiterHint: string;
}

const SEPARATORS = [',', ';', '\t'];

/**
 * Reads a header row: names in any order, case and spacing ignored; unknown (with "did you mean" or the
 * separator hint), repeated and missing required columns are located errors. Returns where each column is,
 * or undefined when the header is wrong (reading the rows on would mislead).
 */
export function readExportHeader<C extends string>(
  spec: ExportHeader<C>,
  fields: readonly string[],
  line: number,
  file: string,
  diags: Diagnostics,
): Map<C, number> | undefined {
  const byLower = new Map(spec.columns.map((c) => [c.toLowerCase(), c]));
  const columns = new Map<C, number>();
  let ok = true;
  fields.forEach((raw, i) => {
    const name = byLower.get(raw.trim().toLowerCase().replace(/\s+/g, ' '));
    const at = { file, line, column: columnOf(fields, i) };
    if (!name) {
      const otherSeparator = SEPARATORS.some((s) => s !== spec.delimiter && raw.includes(s));
      const hint =
        fields.length === 1 && otherSeparator
          ? ` (${spec.delimiterHint})`
          : didYouMean(raw.trim(), spec.columns);
      diags.error(at, `unknown column "${raw.trim()}"${hint}; columns are ${spec.columns.join(', ')}`);
      ok = false;
    } else if (columns.has(name)) {
      diags.error(at, `column "${name}" appears twice`);
      ok = false;
    } else columns.set(name, i);
  });
  for (const c of spec.required)
    if (ok && !columns.has(c)) {
      diags.error({ file, line, column: 1 }, `column "${c}" is missing; the header must name it`);
      ok = false;
    }
  return ok ? columns : undefined;
}

/**
 * Reads a headed export row by row: the header first (`readExportHeader`), blank rows skipped, each row
 * turned into a record by `read` (which reports its own problems), the same key twice reported with both
 * lines, read errors (encoding, quotes, line length) located. Every problem goes to `diags`.
 */
export async function readExportRows<C extends string, R>(
  source: string | AsyncIterable<Uint8Array>,
  spec: ExportHeader<C>,
  shown: string,
  diags: Diagnostics,
  read: (fields: string[], line: number, columns: Map<C, number>) => R | undefined,
  key: { of: (row: R) => string; noun: string },
): Promise<R[]> {
  const rows: R[] = [];
  const seen = new Map<string, number>();
  let columns: Map<C, number> | undefined;
  try {
    for await (const { fields, line } of streamRows(source, spec.delimiter)) {
      if (!columns) {
        columns = readExportHeader(spec, fields, line, shown, diags);
        if (!columns) break;
        continue;
      }
      if (isBlankRow(fields)) continue;
      const row = read(fields, line, columns);
      if (row === undefined) continue;
      const k = key.of(row);
      const first = seen.get(k);
      if (first !== undefined) {
        diags.error(
          { file: shown, line, column: 1 },
          `${key.noun} "${k}" is listed twice (also on line ${first})`,
        );
        continue;
      }
      seen.set(k, line);
      rows.push(row);
    }
  } catch (e) {
    const at = readErrorLocation(e, shown);
    if (!at) throw e;
    diags.error(at, at.message);
  }
  if (!columns && !diags.hasErrors)
    diags.error(
      { file: shown, line: 1, column: 1 },
      `export is empty: expected a header such as "${spec.columns.join(spec.delimiter)}"`,
    );
  return rows;
}
