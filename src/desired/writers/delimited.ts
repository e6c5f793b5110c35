import { carriageReturnProblem, csvCell, formulaProblem, trimProblem } from './csv-cell.js';
import type { WriteProblems } from './unwritable.js';

/**
 * One row of a comma-separated file whose loader trims every cell: each cell checked against formula
 * injection, edge spaces and carriage returns (reported under its column's name), then quoted as needed.
 */
export function delimitedRow(
  key: string,
  columns: readonly string[],
  cells: readonly string[],
  problems: WriteProblems,
): string {
  cells.forEach((cell, i) => {
    const problem = formulaProblem(cell) ?? trimProblem(cell) ?? carriageReturnProblem(cell);
    if (problem) problems.add(key, `${columns[i]} ${problem}`);
  });
  return `${cells.map((c) => csvCell(c, ',')).join(',')}\n`;
}

/** The hint of the comma-separated formats: YAML holds anything, and is not a spreadsheet. */
export const USE_YAML =
  'import with --format yaml, which writes any value exactly and is never opened as a spreadsheet';
