import { CsvSyntaxError } from '../desired/csv-records.js';
import { LineTooLongError } from '../desired/text-rows.js';
import { DecodeError } from '../util/text.js';

/** Where and why reading a delimited file stopped (bad UTF-8, a quote never closed, a runaway line). */
export function readErrorLocation(
  e: unknown,
  file: string,
): { file: string; line: number; column?: number; message: string } | undefined {
  if (e instanceof DecodeError || e instanceof CsvSyntaxError || e instanceof LineTooLongError)
    return { file, line: e.line, column: 'column' in e ? e.column : 1, message: e.message };
  return undefined;
}
