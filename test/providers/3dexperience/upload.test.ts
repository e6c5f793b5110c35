import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failedCount } from '../../../src/apply/report.js';
import { tmpDir } from '../../helpers/tmp.js';
import { ACME_ROWS, acmePlatform } from './acme.js';
import { threeDxProject } from './project.js';

/**
 * An upload command: copies each file into an inbox (the platform receives it) and records the order. It
 * fails with exit 1 for files whose name holds FAIL, and with 75 (try again) the first time for TEMP.
 */
const SCRIPT = `
import { appendFileSync, copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
const [fail, temp, file] = process.argv.slice(2);
const name = path.basename(file);
if (fail !== '-' && name.includes(fail)) { console.error('HTTP 502 Bad Gateway from the platform'); process.exit(1); }
const marker = path.join('inbox', 'temp-failed-' + temp);
mkdirSync('inbox', { recursive: true });
if (temp !== '-' && name.includes(temp) && !existsSync(marker)) { writeFileSync(marker, ''); console.error('platform busy'); process.exit(75); }
copyFileSync(file, path.join('inbox', name));
appendFileSync(path.join('inbox', 'order.txt'), name + '\\n');
`;

function uploading(fail = '-', temp = '-') {
  const platform = acmePlatform();
  const script = path.join(tmpDir({ 'upload.mjs': SCRIPT }), 'upload.mjs');
  const argv = [process.execPath, script, fail, temp].map((a) => JSON.stringify(a)).join(', ');
  const p = threeDxProject(platform, { rows: ACME_ROWS, connection: `upload: [${argv}]` });
  const inbox = () =>
    readFileSync(path.join(p.dir, 'inbox/order.txt'), 'utf8').trim().split('\n').filter(Boolean);
  return { platform, p, inbox };
}

const noSleep = async () => {};

describe('3DEXPERIENCE upload command', () => {
  it('hands each file to the command in order; exit 0 is success, and the platform then accepts them', async () => {
    const { platform, p, inbox } = uploading();
    const outcome = await p.apply();
    expect(failedCount(outcome.report!)).toBe(0);
    expect(inbox()).toEqual(['01-remove.csv', '02-invite.csv']);
    const order = readFileSync(path.join(p.outDir, outcome.report!.runId, 'UPLOAD-ORDER.txt'), 'utf8');
    expect(order).toContain('These files were handed to the upload command in this order.');
    expect(order.match(/\[uploaded\]/g)).toHaveLength(2);
    expect(p.logs.some((l) => l.includes('uploaded') && l.includes('02-invite.csv'))).toBe(true);

    for (const name of inbox()) platform.import(name, readFileSync(path.join(p.dir, 'inbox', name), 'utf8'));
    p.refresh();
    expect((await p.plan()).changes).toEqual([]);
  });

  it('fails exactly the changes of a file whose upload exits non-zero, with the command’s last line', async () => {
    const { p, inbox } = uploading('invite');
    const outcome = await p.apply({ sleep: noSleep });
    const t = outcome.report!.targets[0]!;
    // Uploaded, but no batch report printed: still awaiting the platform (design §9).
    expect(t.counts.remove).toMatchObject({ succeeded: 0, deferred: 1, failed: 0 });
    expect(t.failures.map((f) => `${f.change.action} ${f.change.key}: ${f.error}`)).toEqual([
      'update grace@acme.com: upload command "node" exited with 1: HTTP 502 Bad Gateway from the platform',
      'grant alan@acme.com: upload command "node" exited with 1: HTTP 502 Bad Gateway from the platform',
      'grant grace@acme.com: upload command "node" exited with 1: HTTP 502 Bad Gateway from the platform',
      'invite linus@acme.com: upload command "node" exited with 1: HTTP 502 Bad Gateway from the platform',
      'invite margaret@acme.com: upload command "node" exited with 1: HTTP 502 Bad Gateway from the platform',
    ]);
    expect(inbox()).toEqual(['01-remove.csv']);
    expect(readFileSync(path.join(p.outDir, outcome.report!.runId, 'UPLOAD-ORDER.txt'), 'utf8')).toMatch(
      /02-invite\.csv .*\[upload failed\]/,
    );
  });

  it('writes and uploads the file again when the command exits 75 (try again later)', async () => {
    const { p, inbox } = uploading('-', 'remove');
    const outcome = await p.apply({ sleep: noSleep });
    expect(outcome.report!.targets[0]!.failures).toEqual([]);
    expect(outcome.report!.targets[0]!.retries).toBe(1);
    expect(inbox()).toEqual(['02-remove.csv', '03-invite.csv']);
    expect(readFileSync(path.join(p.outDir, outcome.report!.runId, '01-remove.csv'), 'utf8')).toBe(
      readFileSync(path.join(p.outDir, outcome.report!.runId, '02-remove.csv'), 'utf8'),
    );
  });

  it('reports a command that does not exist as a failure of the file’s changes', async () => {
    const platform = acmePlatform();
    const p = threeDxProject(platform, { rows: ACME_ROWS, connection: 'upload: ./no-such-uploader --now' });
    writeFileSync(path.join(p.dir, 'placeholder'), '');
    const outcome = await p.apply({ sleep: noSleep });
    expect(outcome.report!.targets[0]!.failures[0]!.error).toBe(
      'upload command "no-such-uploader" not found',
    );
  });

  it('never shows a secret the command was given, even when it prints it', async () => {
    const script = path.join(
      tmpDir({ 'leak.mjs': 'console.error(`bad token ${process.argv[2]}`); process.exit(1);' }),
      'leak.mjs',
    );
    const argv = [process.execPath, script, '${env:UPLOAD_TOKEN}'].map((a) => JSON.stringify(a)).join(', ');
    const p = threeDxProject(acmePlatform(), { rows: ACME_ROWS, connection: `upload: [${argv}]` });
    const outcome = await p.apply({ env: { UPLOAD_TOKEN: 'sekret-4242' } });
    const errors = outcome.report!.targets[0]!.failures.map((f) => f.error);
    expect(errors[0]).toBe('upload command "node" exited with 1: bad token ***');
    expect(readFileSync(path.join(p.dir, 'journal.jsonl'), 'utf8')).not.toContain('sekret-4242');
    expect(p.logs.join('\n')).not.toContain('sekret-4242');
  });
});
