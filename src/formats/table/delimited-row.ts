import type { WriteProblems } from '../write-problems.js';
import { carriageReturnProblem, csvLine, trimProblem } from './cells.js';

/**
 * One row of a comma-separated file whose loader trims every cell: each cell checked for what would not read
 * back the same (edge spaces, carriage returns; reported under its column's name), then written by the one
 * cell policy of cells.ts (formulas neutralized, quoted as needed).
 */
export function delimitedRow(
  key: string,
  columns: readonly string[],
  cells: readonly string[],
  problems: WriteProblems,
): string {
  cells.forEach((cell, i) => {
    const problem = trimProblem(cell) ?? carriageReturnProblem(cell);
    if (problem) problems.add(key, `${columns[i]} ${problem}`);
  });
  return `${csvLine(cells, ',')}\n`;
}

/** The hint of the comma-separated formats: YAML holds anything, and is not a spreadsheet. */
export const USE_YAML =
  'import with --format yaml, which writes any value exactly and is never opened as a spreadsheet';
