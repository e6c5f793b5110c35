import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openJournal } from '../../src/apply/journal.js';
import { memoryOutput } from '../../src/cli/output.js';
import { createProgress } from '../../src/cli/progress.js';
import type { Change } from '../../src/model/plan.js';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const change = (key: string): Change => ({ phase: 1, action: 'invite', key, roles: [] });

function drive(io: ReturnType<typeof memoryOutput>, env: Record<string, string>) {
  let t = 0;
  const p = createProgress(io, env, () => t);
  p.phaseStart('acme', 1, 2, 20);
  for (let i = 0; i < 20; i++) {
    t += 100;
    p.changeDone({ change: change(`u${i}@x.io`), status: i === 3 ? 'failed' : 'succeeded', attempts: 1 });
  }
  p.phaseEnd('acme', 1);
}

describe('apply progress', () => {
  it('redraws one bar in place on a TTY, with counts, failures and rate', () => {
    const tty = Object.assign(memoryOutput(), { isTTY: true });
    drive(tty, {});
    expect(tty.stderr).toContain('\racme: phase 1/2 ');
    expect(tty.stderr).toMatch(/20\/20 \(1 failed\) 10\.0\/s/);
    expect(tty.stderr.split('\n')).toHaveLength(2); // one line, finished by a newline
  });

  it('prints plain lines about every 10% off a TTY', () => {
    const io = memoryOutput();
    drive(io, {});
    const out = io.stderr.trim().split('\n');
    expect(out[0]).toBe('acme: phase 1/2: 20 changes');
    expect(out.length).toBeLessThanOrEqual(12);
    expect(out.at(-1)).toBe('acme: phase 1/2: 20/20 done, 1 failed 10.0/s');
    expect(io.stderr).not.toContain('\r');
  });

  it('wraps each phase in ::group:: under GitHub Actions', () => {
    const io = memoryOutput();
    drive(io, { GITHUB_ACTIONS: 'true' });
    const out = io.stderr.trim().split('\n');
    expect(out[0]).toBe('::group::acme: phase 1/2 (20 changes)');
    expect(out.at(-1)).toBe('::endgroup::');
  });
});

describe('audit journal', () => {
  afterEach(() => clearSecrets());

  it('appends one JSON line per record and never writes a secret', () => {
    const dir = tmpDir();
    const file = path.join(dir, 'nested/journal.jsonl');
    registerSecret('s3cr3t-token-value');
    const j = openJournal(file, 'run-1', () => new Date('2026-11-21T10:00:00Z'));
    j.record({ target: 't', phase: 1, attempt: 1, change: change('a@x.io'), result: 'sent' });
    j.record({
      target: 't',
      phase: 1,
      attempt: 1,
      change: change('a@x.io'),
      result: 'failed',
      error: 'HTTP 401 for token s3cr3t-token-value',
    });
    j.close();
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('s3cr3t-token-value');
    const entries = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entries).toEqual([
      {
        runId: 'run-1',
        time: '2026-11-21T10:00:00.000Z',
        target: 't',
        phase: 1,
        attempt: 1,
        change: change('a@x.io'),
        result: 'sent',
      },
      {
        runId: 'run-1',
        time: '2026-11-21T10:00:00.000Z',
        target: 't',
        phase: 1,
        attempt: 1,
        change: change('a@x.io'),
        result: 'failed',
        error: 'HTTP 401 for token ***',
      },
    ]);
  });

  it('goes where the config says (journal:), or where --journal says', () => {
    const dir = tmpDir({
      'rollcall.yaml':
        'version: 1\njournal: audit/rollcall.jsonl\ntargets:\n  - name: t\n    provider: local\n    members: [m.yaml]\n    connection: { state: s.json }\n',
      'm.yaml': 'members:\n  - email: a@x.io\n',
    });
    expect(runCli(['apply', '--auto-approve', '-c', 'rollcall.yaml'], { cwd: dir }).code).toBe(0);
    expect(readFileSync(path.join(dir, 'audit/rollcall.jsonl'), 'utf8')).toContain('"key":"a@x.io"');
    const more = 'members:\n  - email: a@x.io\n  - email: b@x.io\n';
    writeFileSync(path.join(dir, 'm.yaml'), more);
    expect(
      runCli(['apply', '--auto-approve', '-c', 'rollcall.yaml', '--journal', 'elsewhere.jsonl'], { cwd: dir })
        .code,
    ).toBe(0);
    expect(readFileSync(path.join(dir, 'elsewhere.jsonl'), 'utf8')).toContain('"key":"b@x.io"');
  });
});
