import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTargetPlan } from '../../src/apply/executor.js';
import { memoryJournal } from '../../src/apply/journal.js';
import { LOCAL_CAPABILITIES } from '../../src/providers/local/index.js';
import type { Provider } from '../../src/providers/types.js';
import { tmpDir } from '../helpers/tmp.js';
import { plan, want } from '../plan/builders.js';

describe('executor: a provider that fails on a file', () => {
  it('gives the change a one-line error naming the path, in words', async () => {
    const dir = tmpDir({ 'out.txt': 'a file where a folder should be' });
    const provider: Provider = {
      capabilities: LOCAL_CAPABILITIES,
      read: async () => ({ seats: {}, members: [] }),
      // biome-ignore lint/correctness/useYield: it fails before it yields
      async *apply() {
        await mkdir(path.join(dir, 'out.txt', 'run-1'));
      },
    };
    const p = plan({ desired: [want('ada@acme.com', { roles: ['CSV'] })] });
    const results = await executeTargetPlan(p, provider, {
      runId: 'r1',
      journal: memoryJournal(),
      sleep: async () => {},
    });
    expect(results.map((r) => r.status)).toEqual(['failed']);
    expect(results[0]!.error).toMatch(
      /out\.txt\/run-1: cannot create the folder: a part of the path is a file, not a directory \(ENOTDIR\)$/,
    );
  });
});
