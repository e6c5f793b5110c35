import { spawn } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, STACK_LINE } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const BIN = path.join(ROOT, 'bin/rollcall.js');

/**
 * `rollcall apply` on a real pseudo-terminal (util-linux `script`), answered with Ctrl-C once its prompt
 * shows: the terminal turns the byte into SIGINT for rollcall, as when a person presses the keys. Waits
 * for the prompt's text, never for a time.
 */
function applyThenCtrlC(dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', '"$NODE" "$BIN" apply', '/dev/null'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', NODE: process.execPath, BIN },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let sent = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      out += text;
      if (!sent && /Only "yes" will be accepted/.test(out)) {
        sent = true;
        child.stdin.write('\u0003');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('Ctrl-C at the confirmation prompt', () => {
  it('cancels quietly: not confirmed (exit 3), nothing changed, no internal error, no stack trace', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
    const before = readFileSync(path.join(dir, 'state/acme-3dx.json'), 'utf8');
    const r = await applyThenCtrlC(dir);
    expect(r.out).toMatch(/Plan: 3 to invite/);
    expect(r.code, r.out).toBe(3);
    expect(r.out).toMatch(/cancel/i);
    expect(r.out).not.toMatch(/internal error/);
    expect(r.out).not.toMatch(STACK_LINE);
    expect(readFileSync(path.join(dir, 'state/acme-3dx.json'), 'utf8')).toBe(before);
  }, 120_000);
});
