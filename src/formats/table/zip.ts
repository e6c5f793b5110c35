import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';

/** The most an archive entry may expand to (design §4.4: "an expanded size over 100 MiB is refused"). */
export const MAX_ENTRY_BYTES = 100 * 1024 * 1024;

/** Problems of the archive itself (not of the rows inside it); each message is one located line. */
export class ZipError extends Error {
  readonly problems: readonly string[];
  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.join('; '));
    this.problems = list;
  }
}

export interface SingleEntryOptions {
  /** File endings the one entry may have, lower-case with the dot: [".csv", ".txt"]. */
  extensions: readonly string[];
  /** Declared and actual expanded size limit (default 100 MiB). */
  maxBytes?: number;
}

export interface ZipEntryData {
  /** The entry's name in the archive. */
  name: string;
  /** Its expanded bytes, streamed: never held whole. */
  data: AsyncIterable<Uint8Array>;
}

/**
 * Opens an archive that must hold exactly one file at its top level, with one of `options.extensions`, and
 * hands its streamed content to `use`. Only the central directory is read before the checks; an entry is
 * refused before inflating when its declared size is over the limit, and while inflating as soon as its
 * actual size passes it (declared sizes can lie). Archive problems throw ZipError (all of them at once when
 * several are found before inflating); the archive is closed whatever happens.
 */
export async function withSingleEntry<T>(
  file: string,
  options: SingleEntryOptions,
  use: (entry: ZipEntryData) => Promise<T>,
): Promise<T> {
  const maxBytes = options.maxBytes ?? MAX_ENTRY_BYTES;
  const zip = await openZip(file);
  try {
    const entry = await theOneEntry(zip, options.extensions, maxBytes);
    return await use({ name: entry.fileName, data: inflate(zip, entry, maxBytes) });
  } finally {
    zip.close();
  }
}

/** Sum of the declared expanded sizes of every entry: a cheap bomb check before a library inflates it. */
export async function declaredSize(file: string): Promise<number> {
  const zip = await openZip(file);
  try {
    let total = 0;
    for await (const entry of entries(zip)) total += entry.uncompressedSize;
    return total;
  } finally {
    zip.close();
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

function openZip(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      // Sizes are checked here, against the limit and the declaration, with messages for people.
      { lazyEntries: true, autoClose: false, validateEntrySizes: false },
      (err, zip) => {
        if (err) reject(new ZipError(archiveMessage(err)));
        else resolve(zip);
      },
    );
  });
}

function archiveMessage(err: Error): string {
  if (/end of central directory record signature not found/i.test(err.message))
    return 'not a ZIP archive (no central directory found: is the file complete?)';
  if (/absolute path|invalid relative path|invalid characters in fileName/i.test(err.message))
    return `unsafe entry name: ${err.message}`;
  return `damaged ZIP archive: ${err.message}`;
}

/** The central directory, entry by entry (lazyEntries): nothing is inflated, memory stays flat. */
async function* entries(zip: ZipFile): AsyncGenerator<Entry> {
  for (;;) {
    const next = await new Promise<Entry | null>((resolve, reject) => {
      const done = () => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
      };
      const onEntry = (e: Entry) => {
        done();
        resolve(e);
      };
      const onEnd = () => {
        done();
        resolve(null);
      };
      const onError = (err: Error) => {
        done();
        reject(new ZipError(archiveMessage(err)));
      };
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
    if (next === null) return;
    yield next;
  }
}

const SHOWN = 3;
const list = (names: string[], total: number) =>
  names.map((n) => `"${n}"`).join(', ') + (total > names.length ? ` and ${total - names.length} more` : '');

async function theOneEntry(zip: ZipFile, extensions: readonly string[], maxBytes: number): Promise<Entry> {
  const wanted = extensions.join(' or ');
  let first: Entry | undefined;
  const files: string[] = [];
  let fileCount = 0;
  const nested: string[] = [];
  let nestedCount = 0;
  let total = 0;
  for await (const entry of entries(zip)) {
    total++;
    const name = entry.fileName;
    if (name.includes('/')) {
      if (nestedCount++ < SHOWN) nested.push(name);
      if (name.endsWith('/')) continue; // a folder
    }
    if (fileCount++ < SHOWN) files.push(name);
    first ??= entry;
  }
  const problems: string[] = [];
  if (total === 0) problems.push(`archive is empty: it must hold one ${wanted} file`);
  if (nestedCount > 0)
    problems.push(
      `archive has folders or nested paths (${list(nested, nestedCount)}): it must hold one ${wanted} file at its top level`,
    );
  if (fileCount > 1)
    problems.push(`archive holds ${fileCount} files (${list(files, fileCount)}): it must hold exactly one`);
  if (total > 0 && fileCount === 0) problems.push(`archive holds no file: it must hold one ${wanted} file`);
  if (problems.length > 0 || !first) throw new ZipError(problems);

  const name = first.fileName;
  if (!extensions.includes(path.extname(name).toLowerCase()))
    problems.push(`entry "${name}" is not a ${wanted} file`);
  if (first.isEncrypted()) problems.push(`entry "${name}" is encrypted; give an archive without a password`);
  if (first.uncompressedSize > maxBytes)
    problems.push(
      `entry "${name}" expands to ${formatBytes(first.uncompressedSize)}, over the ${formatBytes(maxBytes)} limit; refused without inflating it`,
    );
  if (problems.length > 0) throw new ZipError(problems);
  return first;
}

function openReadStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err) reject(new ZipError(`cannot read entry "${entry.fileName}": ${err.message}`));
      else resolve(stream);
    });
  });
}

/** Streams an entry's expanded bytes, counting them: past `maxBytes` it stops and throws. */
async function* inflate(zip: ZipFile, entry: Entry, maxBytes: number): AsyncGenerator<Uint8Array> {
  const name = entry.fileName;
  const stream = await openReadStream(zip, entry);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      // Past its declared size, an entry is damaged or forged: refused at once (the declared size was
      // checked against the limit before inflating, so this also keeps it under the limit).
      if (bytes > entry.uncompressedSize && bytes <= maxBytes)
        throw new ZipError(
          `entry "${name}" expands past the ${formatBytes(entry.uncompressedSize)} the archive declares (damaged archive); refused`,
        );
      if (bytes > maxBytes)
        throw new ZipError(
          `entry "${name}" expands past the ${formatBytes(maxBytes)} limit (the archive declares ${formatBytes(entry.uncompressedSize)}); refused`,
        );
      yield chunk;
    }
  } catch (e) {
    if (e instanceof ZipError) throw e;
    throw new ZipError(`entry "${name}" is damaged: ${(e as Error).message}`);
  } finally {
    stream.destroy();
  }
  if (bytes !== entry.uncompressedSize)
    throw new ZipError(
      `entry "${name}" expands to ${bytes} bytes but the archive declares ${entry.uncompressedSize} (damaged archive)`,
    );
}
