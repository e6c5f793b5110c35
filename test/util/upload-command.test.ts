import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { commandUploader } from '../../src/util/upload-command.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

describe('commandUploader', () => {
  it('a command that cannot start fails at once, and does not keep the process alive for its timeout', () => {
    // In a process of its own, so that a pending timer shows as a process that does not end.
    const lib = pathToFileURL(path.join(ROOT, 'lib/util/upload-command.js')).href;
    const script = `
      const { commandUploader } = await import(${JSON.stringify(lib)});
      const upload = commandUploader(['./no-such-uploader'], { cwd: process.cwd(), timeoutMs: 600000 });
      console.log(JSON.stringify(await upload('file.csv')));`;
    const started = Date.now();
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpDir(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: false,
      message: 'upload command "no-such-uploader" not found',
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('stops a command that runs past its timeout, and says so', async () => {
    const upload = commandUploader([process.execPath, '-e', 'setTimeout(() => {}, 20000)'], {
      cwd: tmpDir(),
      timeoutMs: 1000,
    });
    expect(await upload('file.csv')).toEqual({
      ok: false,
      transient: false,
      message: 'upload command "node" was stopped after its timeout of 1 s',
    });
  });

  it('does not name a command whose path holds a secret (its file name alone would not be masked)', async () => {
    registerSecret('/opt/tools/s3cr3t-uploader');
    const upload = commandUploader(['/opt/tools/s3cr3t-uploader'], { cwd: tmpDir(), timeoutMs: 5000 });
    expect(await upload('file.csv')).toEqual({ ok: false, message: 'upload command "***" not found' });
  });
});

afterEach(() => clearSecrets());
