import type { Diagnostics } from '../../model/diagnostic.js';
import { DecodeError, streamUtf8 } from '../../util/text.js';
import { type CsvRecord, CsvSyntaxError, readCsvBatches, readCsvRecords } from './csv-records.js';

/** The longest line a member file may have; no row of names, e-mails and roles comes near it. */
export const MAX_LINE_CHARS = 1024 * 1024;

/** A line so long the file cannot be a member list (a binary or damaged file, or one without line breaks). */
export class LineTooLongError extends Error {
  constructor(
    readonly line: number,
    limit: number,
  ) {
    super(`line is longer than ${limit} characters: this is not a member list (binary or damaged file?)`);
  }
}

/**
 * Passes text chunks through, throwing LineTooLongError once a line passes `limit` characters, so that a
 * file without line breaks fails fast instead of growing one CSV field without bound.
 */
export async function* guardLineLength(
  text: AsyncIterable<string>,
  limit = MAX_LINE_CHARS,
): AsyncGenerator<string> {
  let line = 1;
  let length = 0;
  for await (const chunk of text) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      if (length + nl - start > limit) throw new LineTooLongError(line, limit);
      line++;
      length = 0;
      start = nl + 1;
    }
    length += chunk.length - start;
    if (length > limit) throw new LineTooLongError(line, limit);
    yield chunk;
  }
}

/** Delimited rows of a file or of a byte stream (a ZIP entry): UTF-8 checked, lines bounded, streamed. */
export function streamRows(
  source: string | AsyncIterable<Uint8Array>,
  delimiter: string,
): AsyncGenerator<CsvRecord> {
  return readCsvRecords(guardLineLength(streamUtf8(source)), delimiter);
}

/** streamRows in batches (the records of one chunk of text), for loaders of very many rows. */
export function streamRowBatches(
  source: string | AsyncIterable<Uint8Array>,
  delimiter: string,
): AsyncGenerator<CsvRecord[]> {
  return readCsvBatches(guardLineLength(streamUtf8(source)), delimiter);
}

/**
 * Where and why reading a delimited file stopped (bad UTF-8, a quote never closed, a runaway line), or
 * undefined for any other error (rethrow it). The one mapper of read errors, for desired files and exports.
 */
export function readErrorLocation(
  e: unknown,
  file: string,
): { file: string; line: number; column?: number; message: string } | undefined {
  if (e instanceof DecodeError || e instanceof CsvSyntaxError || e instanceof LineTooLongError)
    return { file, line: e.line, column: 'column' in e ? e.column : 1, message: e.message };
  return undefined;
}

/** Reports an error that ends the reading of a file, located; false for any other error (rethrow it). */
export function reportReadError(e: unknown, ctx: { file: string; diags: Diagnostics }): boolean {
  const at = readErrorLocation(e, ctx.file);
  if (at) ctx.diags.error(at, at.message);
  return at !== undefined;
}

/** A row whose every field is blank, as spreadsheets write below the data (",,,"). */
export const isBlankRow = (fields: readonly string[]): boolean => fields.every((f) => f.trim() === '');

/** A hint when a whole row landed in one field: the file is probably split by another character. */
export function delimiterHint(fields: readonly string[], expected: string, what: string): string {
  if (fields.length !== 1) return '';
  const cell = fields[0]!;
  const found = [
    [';', 'semicolon'],
    ['\t', 'tab'],
    [',', 'comma'],
  ].find(([c]) => c !== expected && cell.includes(c!));
  return found ? ` (is the file ${found[1]}-separated? ${what})` : '';
}
