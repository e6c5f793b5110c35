import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { aboutFile } from './fs-errors.js';

/** Invalid UTF-8 at a position, reported like any other located problem. */
export class DecodeError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    message: string = NOT_UTF8,
  ) {
    super(message);
  }
}

const NOT_UTF8 = 'file is not valid UTF-8 (save it as UTF-8)';
const UTF16 = 'file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8';
/** Text read whole cannot be longer than a JavaScript string (2^29 − 24 UTF-16 units in V8). */
const MAX_TEXT_BYTES = 2 ** 29 - 24;
const tooLarge = (bytes: number) =>
  `file is too large to read as text (${(bytes / 2 ** 20).toFixed(1)} MiB, over 512 MiB)`;

/** Starts with a UTF-16 byte order mark, as spreadsheets write "Unicode text". */
function isUtf16(buf: Uint8Array): boolean {
  return (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
}

/** Offset of the first byte that is not part of valid UTF-8, or -1. `final`: the buffer ends the input. */
export function firstInvalidUtf8(buf: Uint8Array, final: boolean): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    let n: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [n, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [n, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    if (!final && i + n >= buf.length) return -1; // the sequence continues in the next chunk
    let cp = b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function position(consumed: { line: number; column: number }, buf: Uint8Array, end: number) {
  let { line, column } = consumed;
  for (let i = 0; i < end; i++) {
    if (buf[i] === 0x0a) {
      line++;
      column = 1;
    } else if ((buf[i]! & 0xc0) !== 0x80) column++;
  }
  return { line, column };
}

/** Decodes a whole file as UTF-8 (a BOM is dropped), or throws DecodeError with the place of the bad byte. */
export async function readUtf8(file: string): Promise<string> {
  let buf: Buffer;
  try {
    const info = await stat(file);
    // /dev/zero and the like never end: read whole, they would fill the memory.
    if (info.isCharacterDevice() || info.isBlockDevice())
      throw new DecodeError(1, 1, 'this is a device, not a file');
    if (info.size > MAX_TEXT_BYTES) throw new DecodeError(1, 1, tooLarge(info.size));
    buf = await readFile(file);
  } catch (e) {
    throw aboutFile(e, file, 'read'); // reading a directory fails without naming it
  }
  return decodeUtf8(buf);
}

export function decodeUtf8(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    const bad = firstInvalidUtf8(buf, true);
    // Valid UTF-8 that does not decode: longer than a JavaScript string can be (about 512 MiB).
    if (bad < 0) throw new DecodeError(1, 1, tooLarge(buf.length));
    const { line, column } = position({ line: 1, column: 1 }, buf, bad);
    throw new DecodeError(line, column, bad === 0 && isUtf16(buf) ? UTF16 : NOT_UTF8);
  }
}

/**
 * Streams a file as UTF-8 text chunks (BOM dropped); throws DecodeError at the first invalid byte,
 * with its line and column. Memory stays at one chunk whatever the file size.
 */
export async function* streamUtf8(source: string | AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // 64 KiB chunks: a chunk's worth of parsed records waits in the CSV parser until read; with 1 MiB chunks
  // (17,000 rows) they outlived young-generation collections and bloated the old generation.
  const input = typeof source === 'string' ? fileChunks(source) : source;
  let consumed = { line: 1, column: 1 };
  let carry: Uint8Array = new Uint8Array(0);
  for await (const raw of input) {
    const chunk = raw as Uint8Array;
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      const joined = concat(carry, chunk);
      const bad = Math.max(0, firstInvalidUtf8(joined, false));
      const { line, column } = position(consumed, joined, bad);
      const utf16 = bad === 0 && consumed.line === 1 && consumed.column === 1 && isUtf16(joined);
      throw new DecodeError(line, column, utf16 ? UTF16 : NOT_UTF8);
    }
    // Keep the position and an incomplete trailing sequence, to locate an error in the next chunk.
    const tail = incompleteTail(chunk);
    consumed = position(consumed, concat(carry, chunk), carry.length + chunk.length - tail);
    carry = chunk.subarray(chunk.length - tail);
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new DecodeError(consumed.line, consumed.column);
  }
}

async function* fileChunks(file: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 })) yield chunk as Uint8Array;
  } catch (e) {
    throw aboutFile(e, file, 'read'); // reading a directory fails without naming it
  }
}

function incompleteTail(chunk: Uint8Array): number {
  for (let k = 1; k <= 3 && k <= chunk.length; k++) {
    const b = chunk[chunk.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > k ? k : 0;
    }
    return 0;
  }
  return 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
