import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { aboutFile } from './fs-errors.js';

/**
 * Writes a file so that readers see the old content or the new one, never half of it, even if the process
 * is killed. `durable: false` skips the fsync: the rename still survives a killed process (the kernel keeps
 * what was written), only not a power loss; for many small writes that are synced once at the end.
 */
export async function writeFileAtomic(
  file: string,
  content: string | Uint8Array,
  { durable = true }: { durable?: boolean } = {},
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(content);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw aboutFile(e, file, 'write'); // about the file asked for, not the temporary one
  }
}

/** Flushes a file to disk (after non-durable writes). */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
