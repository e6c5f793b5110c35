import { columnOf } from '../desired/csv-records.js';
import type { Diagnostics } from '../model/diagnostic.js';
import { didYouMean } from '../util/suggest.js';

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
