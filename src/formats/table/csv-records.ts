import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';

export interface CsvRecord {
  fields: string[];
  /** Line where the record starts (1-based). */
  line: number;
}

/** A CSV syntax problem that ends the reading of the file (unbalanced quote, stray quote). */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/**
 * Streams the records of delimited text: quoted fields, CRLF or LF, empty lines skipped. Rows keep their
 * length (the caller checks it, so that every bad row is reported, not only the first).
 */
export async function* readCsvRecords(
  text: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    delimiter,
    quote: '"',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  });
  const feeding = pipeline(Readable.from(unixLineEnds(text)), parser);
  feeding.catch(() => {}); // the same error is raised by the iteration below
  let lastEnd = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      let inner = 0;
      for (const f of record) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) inner++;
      lastEnd = info.lines;
      yield { fields: record, line: info.lines - inner };
    }
    await feeding;
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const err = e as CsvError & { lines?: number; column?: number; field?: string };
    if (err.code === 'CSV_QUOTE_NOT_CLOSED')
      throw new CsvSyntaxError(
        'unbalanced quote: a quoted field opened on this line is never closed',
        lastEnd + 1,
      );
    if (err.code === 'CSV_INVALID_CLOSING_QUOTE')
      throw new CsvSyntaxError(
        'unbalanced quote: a closing quote must be followed by the delimiter or the end of the line',
        err.lines ?? lastEnd + 1,
      );
    // csv-parse names this one without its CSV_ prefix.
    if (err.code === 'INVALID_OPENING_QUOTE')
      throw new CsvSyntaxError(
        `unbalanced quote: field ${(err.column ?? 0) + 1} has a quote after ${JSON.stringify(err.field ?? '')}; a field that holds quotes must be enclosed in quotes, each quote inside doubled`,
        err.lines ?? lastEnd + 1,
      );
    throw new CsvSyntaxError(`invalid CSV: ${err.message.replace(/^[^:]*: /, '')}`, err.lines ?? lastEnd + 1);
  }
}

/**
 * Turns CRLF and lone CR line ends into LF. csv-parse counts a CRLF inside a quoted field as two lines,
 * which shifted the line of every later record; with LF only, its count is exact.
 */
async function* unixLineEnds(text: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false; // a chunk ended with CR: its LF, if any, starts the next chunk
  for await (const raw of text) {
    let chunk: string = pendingCr ? `\r${raw}` : raw;
    pendingCr = chunk.endsWith('\r');
    if (pendingCr) chunk = chunk.slice(0, -1);
    if (chunk.includes('\r')) chunk = chunk.replace(/\r\n?/g, '\n');
    if (chunk !== '') yield chunk;
  }
  if (pendingCr) yield '\n';
}

/** Column (1-based) where field `index` starts, exact for unquoted fields. */
export function columnOf(fields: readonly string[], index: number): number {
  let col = 1;
  for (let i = 0; i < index && i < fields.length; i++) col += fields[i]!.length + 1;
  return col;
}
