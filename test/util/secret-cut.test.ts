import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { executeTargetPlan } from '../../src/apply/executor.js';
import { openJournal } from '../../src/apply/journal.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import { describeError, errorMessage, ScimError } from '../../src/providers/scim/errors.js';
import type { Provider } from '../../src/providers/types.js';
import { inline } from '../../src/render/markdown-inline.js';
import { clearSecrets, registerSecret } from '../../src/util/secrets.js';
import { commandUploader } from '../../src/util/upload-command.js';
import { tmpDir } from '../helpers/tmp.js';
import { plan, want } from '../plan/builders.js';

/**
 * Secrets are masked before any text is cut to a length: a secret across the cut must leave no part of
 * itself (a part is no longer recognised by `redact`). Each cut is tried at every offset into the secret.
 */
const SECRET = 'sk_live_Q7v9XmP2rT5wK8zN4bH6';
afterEach(clearSecrets);

/** Any 5 characters in a row of the secret. */
function leaks(text: string): string | undefined {
  for (let i = 0; i + 5 <= SECRET.length; i++)
    if (text.includes(SECRET.slice(i, i + 5))) return SECRET.slice(i, i + 5);
  return undefined;
}

/** Text in which the secret starts `before` characters before `cut`. */
function straddling(cut: number, before: number, tail = ' and more text after it'): string {
  return `${'a'.repeat(cut - before)}${SECRET}${tail}`;
}

const OFFSETS = [1, 2, 5, 10, SECRET.length - 1];

describe('SCIM errors', () => {
  it.each(OFFSETS)('a 401 detail quoting the token %i characters before the 300-character cut', (before) => {
    registerSecret(SECRET);
    const body = {
      detail: straddling(300 - 'Authorization: Bearer '.length, before).replace(
        /^a{22}/,
        'Authorization: Bearer ',
      ),
    };
    const info = describeError(401, body);
    expect(leaks(info.detail ?? '')).toBeUndefined();
    const e = new ScimError(errorMessage('GET /Users', 401, info), {
      ...info,
      status: 401,
      transient: false,
    });
    expect(leaks(e.message)).toBeUndefined();
    expect(e.message).toContain('***');
  });

  it('a token spread over lines (collapsed to one) is masked before the cut too', () => {
    registerSecret(SECRET);
    const info = describeError(500, `${'b'.repeat(290)}\n  ${SECRET}`);
    expect(leaks(info.detail ?? '')).toBeUndefined();
  });
});

describe('an upload command that prints the secret', () => {
  const node = (script: string) =>
    commandUploader([process.execPath, '-e', script], { cwd: tmpDir(), timeoutMs: 60_000 });

  it.each(OFFSETS)('across the 300-character cut of its last line (%i before)', async (before) => {
    registerSecret(SECRET);
    const line = straddling(300, before);
    const r = await node(`console.error(${JSON.stringify(line)}); process.exit(1)`)('f.csv');
    expect(r.ok).toBe(false);
    expect(leaks(r.message ?? ''), r.message).toBeUndefined();
  });

  it.each(OFFSETS)('across the front of the 4 KiB it keeps of its output (%i before)', async (before) => {
    registerSecret(SECRET);
    // The secret starts `before` characters before the window's front (the last 4096 characters).
    const rest = 4096 - (SECRET.length - before);
    const script = `process.stdout.write(${JSON.stringify(SECRET)}); process.stdout.write('c'.repeat(${rest})); process.exit(1)`;
    const r = await node(script)('f.csv');
    expect(leaks(r.message ?? ''), r.message).toBeUndefined();
  });
});

describe('the executor and the journal', () => {
  it.each(OFFSETS)(
    'an error message with the secret across the 500-character cut (%i before)',
    async (before) => {
      registerSecret(SECRET);
      const message = straddling(500, before);
      const provider: Provider = {
        capabilities: LOCAL_CAPABILITIES,
        read: async () => ({ seats: {}, members: [] }),
        // biome-ignore lint/correctness/useYield: it fails before its first result
        async *apply() {
          throw new Error(message);
        },
      };
      const dir = tmpDir();
      const file = path.join(dir, 'journal.jsonl');
      const journal = openJournal(file, 'r1');
      const results = await executeTargetPlan(plan({ desired: [want('a@x.io')] }), provider, {
        runId: 'r1',
        journal,
      });
      journal.close();
      expect(results[0]?.status).toBe('failed');
      expect(leaks(results[0]?.error ?? '')).toBeUndefined();
      expect(leaks(readFileSync(file, 'utf8'))).toBeUndefined();
    },
  );
});

describe('Markdown', () => {
  it.each(OFFSETS)('a value cut to 200 characters (%i before)', (before) => {
    registerSecret(SECRET);
    expect(leaks(inline('none').text(straddling(199, before)))).toBeUndefined();
  });

  it('a secret with Markdown characters is masked before it is escaped', () => {
    const secret = 'p_a*s[s]w`o`rd_1234';
    registerSecret(secret);
    expect(inline('none').text(`token ${secret}`)).not.toContain('rd');
  });
});
