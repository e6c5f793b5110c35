import { finished, Readable } from 'node:stream';
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
  for await (const batch of readCsvBatches(text, delimiter)) yield* batch;
}

/**
 * The records of delimited text as readCsvRecords gives them, in batches: all the records csv-parse made of
 * one chunk of text at once. A loader of a million rows then awaits once per chunk, not once per row.
 *
 * Lines are counted here rather than taken from csv-parse's `info` (which copies its whole info object,
 * twice, for every record): empty lines are not skipped by the parser, each comes out as one empty field
 * and is counted and dropped here, and a record spans one line plus the line breaks inside its fields
 * (line ends are LF only, see unixLineEnds).
 */
export async function* readCsvBatches(
  text: AsyncIterable<string>,
  delimiter: string,
): AsyncGenerator<CsvRecord[]> {
  const parser = parse({
    delimiter,
    quote: '"',
    relax_column_count: true,
    skip_empty_lines: false,
  });
  const feeding = pipeline(Readable.from(unixLineEnds(text)), parser);
  feeding.catch(() => {}); // the same error is raised by the reading below
  let lastEnd = 0; // the line where the last record given ended
  let next = 1; // the line where the next record starts
  let wake: (() => void) | undefined;
  let ended = false;
  let failure: unknown;
  const awake = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  parser.on('readable', awake);
  const stopWatching = finished(parser, { writable: false }, (err) => {
    ended = true;
    failure = err;
    awake();
  });
  try {
    for (;;) {
      const batch: CsvRecord[] = [];
      for (let record = parser.read() as string[] | null; record !== null; record = parser.read()) {
        let inner = 0;
        for (const f of record) for (let i = f.indexOf('\n'); i !== -1; i = f.indexOf('\n', i + 1)) inner++;
        const line = next;
        next += 1 + inner;
        if (record.length === 1 && record[0] === '') continue; // an empty line
        lastEnd = line + inner;
        batch.push({ fields: record, line });
      }
      if (batch.length > 0) yield batch;
      else if (failure) throw failure;
      else if (ended) break;
      else await new Promise<void>((resolve) => (wake = resolve));
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
  } finally {
    stopWatching();
    parser.off('readable', awake);
    if (!ended) parser.destroy(); // the reader stopped early (a bad header): stop the feeding too
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
