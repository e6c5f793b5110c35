import path from 'node:path';
import type { ApplyOptions } from '../../src/run/apply.js';
import { applyRun } from '../../src/run/apply.js';
import { makePlan } from '../../src/run/plan.js';

/** The smallest local target: one members file, one state file. */
export const LOCAL_CONFIG = [
  'version: 1',
  'targets:',
  '  - name: t',
  '    provider: local',
  '    members: [members.yaml]',
  '    connection: { state: state.json }',
].join('\n');
export const ONE_MEMBER = 'members:\n  - email: ada@acme.com\n';

/** plan and apply of a project's only target through the library, with the test's own providers. */
export function libraryRuns(
  dir: string,
  config: string,
  createProvider: ApplyOptions['createProvider'],
  log?: (line: string) => void,
) {
  return {
    plan: async () => (await makePlan(config, { env: {}, createProvider })).plan.targets[0]!,
    apply: (extra: Partial<ApplyOptions> = {}) =>
      applyRun(config, {
        env: {},
        autoApprove: true,
        journalPath: path.join(dir, 'journal.jsonl'),
        createProvider,
        log,
        ...extra,
      }),
  };
}
