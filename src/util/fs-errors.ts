import { lstat, stat } from 'node:fs/promises';

/** An error of a filesystem call (`ENOENT`, `EISDIR` …), as Node raises them. */
export interface FileSystemError extends Error {
  code: string;
  syscall: string;
  path?: string;
}

export function isFileSystemError(e: unknown): e is FileSystemError {
  if (!(e instanceof Error)) return false;
  const { code, syscall } = e as Partial<FileSystemError>;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && typeof syscall === 'string';
}

/** What the codes a person can cause mean: a directory where a file is expected, a symbolic link loop … */
const REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ELOOP: 'a symbolic link loop',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  ENAMETOOLONG: 'file name too long',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'the file is busy',
  EXDEV: 'not on the same file system',
};

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  write: 'write',
  mkdir: 'create the folder',
  rename: 'write',
  scandir: 'list the folder',
  stat: 'read',
  lstat: 'read',
  unlink: 'remove',
};

/** "it is a directory (EISDIR)" */
export function fileSystemReason(e: FileSystemError): string {
  if (e.syscall === 'mkdir' && e.code === 'EEXIST') return 'a file of that name is in the way (EEXIST)';
  const reason = REASONS[e.code];
  return reason ? `${reason} (${e.code})` : e.code;
}

/** One line naming the file: "plans: cannot write: it is a directory (EISDIR)". */
export function describeFileSystemError(e: FileSystemError, show: (file: string) => string): string {
  const where = e.path ? `${show(e.path)}: ` : '';
  return `${where}cannot ${ACTIONS[e.syscall] ?? e.syscall}: ${fileSystemReason(e)}`;
}

/** The same error, about `file` (Node leaves the path out of some errors, such as reading a directory). */
export function aboutFile(e: unknown, file: string, syscall?: string): unknown {
  if (!isFileSystemError(e)) return e;
  const out = new Error(e.message) as FileSystemError;
  out.code = e.code;
  out.syscall = syscall ?? e.syscall;
  out.path = file;
  return out;
}

/**
 * What is at `file`, following symbolic links: a broken link or a link loop is a problem, not a missing
 * file (a platform state or an input that silently went missing would be read as empty).
 */
export async function fileKind(
  file: string,
): Promise<'file' | 'directory' | 'missing' | 'other' | { problem: string }> {
  try {
    const info = await stat(file);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch (e) {
    if (!isFileSystemError(e)) throw e;
    if (e.code !== 'ENOENT') return { problem: fileSystemReason(e) };
    const link = await lstat(file).catch(() => undefined);
    return link?.isSymbolicLink()
      ? { problem: 'broken symbolic link: its target does not exist' }
      : 'missing';
  }
}
