import { describe, expect, it } from 'vitest';
import { readCsvBatches, readCsvRecords } from '../../src/formats/table/csv-records.js';

async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const p of parts) yield p;
}

async function records(...parts: string[]): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  for await (const r of readCsvRecords(chunks(...parts), ';')) out.push([r.line, r.fields]);
  return out;
}

describe('readCsvRecords', () => {
  const expected: [number, string[]][] = [
    [1, ['a', 'b']],
    [2, ['c', 'd\ne']],
    [5, ['f', 'g\n\nh']],
    [8, ['i', 'j']],
  ];

  it.each([
    ['LF', 'a;b\nc;"d\ne"\n\nf;"g\n\nh"\ni;j\n'],
    ['CRLF', 'a;b\r\nc;"d\r\ne"\r\n\r\nf;"g\r\n\r\nh"\r\ni;j\r\n'],
    ['CR', 'a;b\rc;"d\re"\r\rf;"g\r\rh"\ri;j\r'],
  ])('gives the starting line of each record after multi-line quoted fields (%s)', async (_, text) => {
    expect(await records(text)).toEqual(expected);
  });

  it('reads the same records whatever the chunks, also a CRLF split between two chunks', async () => {
    const text = 'a;b\r\nc;"d\r\ne"\r\n\r\nf;"g\r\n\r\nh"\r\ni;j\r\n';
    for (let i = 1; i < text.length; i++) {
      expect(await records(text.slice(0, i), text.slice(i)), `split at ${i}`).toEqual(expected);
    }
    expect(await records(...text)).toEqual(expected);
  });

  it('keeps rows of any length, for the caller to report', async () => {
    expect(await records('a\nb;c;d\n')).toEqual([
      [1, ['a']],
      [2, ['b', 'c', 'd']],
    ]);
  });

  it('skips empty lines anywhere, counting them, also before the first record and at the end', async () => {
    expect(await records('\n\na;b\n\n\n"x\n\ny";z\n\nlast\n\n')).toEqual([
      [3, ['a', 'b']],
      [6, ['x\n\ny', 'z']],
      [10, ['last']],
    ]);
  });
});

describe('readCsvBatches', () => {
  it('gives the records of each chunk together: one batch per chunk of text, not one wait per record', async () => {
    const rows = (from: number) => Array.from({ length: 100 }, (_, i) => `u${from + i};r\n`).join('');
    const batches: { line: number; fields: string[] }[][] = [];
    for await (const b of readCsvBatches(chunks(rows(0), rows(100), rows(200)), ';')) batches.push(b);
    expect(batches.length).toBeLessThanOrEqual(3);
    const flat = batches.flat();
    expect(flat).toHaveLength(300);
    expect(flat[0]).toEqual({ line: 1, fields: ['u0', 'r'] });
    expect(flat[299]).toEqual({ line: 300, fields: ['u299', 'r'] });
  });
});
