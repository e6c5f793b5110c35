import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeUtf8, streamUtf8 } from '../../src/util/text.js';
import { tmpDir } from '../helpers/tmp.js';

async function readAll(file: string): Promise<string> {
  let out = '';
  for await (const chunk of streamUtf8(file)) out += chunk;
  return out;
}

/** `lines` lines of 99 ASCII characters and a newline: 100 bytes each. */
const ascii = (lines: number) => `${'x'.repeat(99)}\n`.repeat(lines);

describe('streamUtf8', () => {
  it('decodes characters split between read chunks, and drops a BOM', async () => {
    // 'é' (2 bytes) and '€' (3 bytes) placed across every offset around the 64 KiB chunk boundary.
    const text = `${ascii(655)}${'xé€'.repeat(20)}\n${ascii(700)}`;
    const file = path.join(tmpDir({ 'a.txt': Buffer.from(`\uFEFF${text}`, 'utf8') }), 'a.txt');
    expect(await readAll(file)).toBe(text);
  });

  it('locates an invalid byte far into the file', async () => {
    const bytes = Buffer.concat([Buffer.from(`${ascii(1500)}abc`), Buffer.from([0xff]), Buffer.from('\n')]);
    const file = path.join(tmpDir({ 'a.txt': bytes }), 'a.txt');
    const e = await readAll(file).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DecodeError);
    expect(e).toMatchObject({ line: 1501, column: 4 });
  });

  it('locates an invalid byte right after a chunk boundary', async () => {
    const head = Buffer.from(`${ascii(655)}${'é'.repeat(17)}`); // 65,534 bytes
    const bytes = Buffer.concat([head, Buffer.from([0xc3]), Buffer.from('(\n')]); // 0xC3 then a non-continuation
    const file = path.join(tmpDir({ 'a.txt': bytes }), 'a.txt');
    await expect(readAll(file)).rejects.toMatchObject({ line: 656, column: 18 });
  });
});

describe('decodeUtf8', () => {
  it('locates an invalid byte', () => {
    const e = (() => {
      try {
        return decodeUtf8(Buffer.from([0x61, 0x0a, 0x62, 0xe9, 0x63]));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DecodeError);
    expect(e).toMatchObject({ line: 2, column: 2 });
  });
});
