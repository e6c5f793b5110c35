import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { threeDxSettings } from '../../../src/providers/3dexperience/connection.js';
import { ThreeDxProvider } from '../../../src/providers/3dexperience/index.js';
import type { ApplyOptions } from '../../../src/run/apply.js';
import { writeExports } from '../../emulators/3dexperience/export.js';
import type { Emulated3dx, Transaction } from '../../emulators/3dexperience/platform.js';
import { libraryRuns } from '../../helpers/local-project.js';
import { tmpDir } from '../../helpers/tmp.js';

export const HEADER = 'user;rights;agreement;roles;mail;remove;passport;force;location';

export interface ProjectOptions {
  /** Desired-state rows (without the header). */
  rows: string[];
  policy?: string;
  /** Extra connection keys, YAML flow entries. */
  connection?: string;
  roles?: string;
}

/**
 * A rollcall project on an emulated 3DEXPERIENCE platform: the desired batch CSV, the export and seats the
 * platform gives, the provider built through the CLI's `createProvider` seam with its log captured.
 */
export function threeDxProject(platform: Emulated3dx, options: ProjectOptions) {
  const roles =
    options.roles ?? '{ CSV: {}, XEN: { requires: [CSV] }, IFW: { requires: [CSV] }, RAP-ACME0001: {} }';
  const dir = tmpDir({
    'rollcall.yaml': [
      'version: 1',
      'targets:',
      '  - name: acme-3dx',
      '    provider: 3dexperience',
      '    members: [members/*.csv]',
      `    connection: { export: export/, seats: seats.txt${options.connection ? `, ${options.connection}` : ''} }`,
      `    roles: ${roles}`,
      `    policy: { ${options.policy ?? 'prune: true, minAdmins: 1, maxRemovals: none'} }`,
      '',
    ].join('\n'),
    'members/team.csv': `${[HEADER, ...options.rows].join('\n')}\n`,
  });
  const config = path.join(dir, 'rollcall.yaml');
  const files = { export: path.join(dir, 'export/members.csv'), seats: path.join(dir, 'seats.txt') };
  const refresh = () => writeExports(platform, files);
  refresh();
  const logs: string[] = [];
  const createProvider: ApplyOptions['createProvider'] = (t, c) =>
    new ThreeDxProvider(t.name, threeDxSettings(t, c), (line) => logs.push(line));
  const outDir = path.join(dir, '.rollcall/3dexperience/acme-3dx');

  /** The batch files of one run, in upload order. */
  const runFiles = (runId: string): string[] => {
    const runDir = path.join(outDir, runId);
    return readdirSync(runDir)
      .filter((f) => f.endsWith('.csv'))
      .sort()
      .map((f) => path.join(runDir, f));
  };

  return {
    dir,
    config,
    logs,
    outDir,
    refresh,
    runFiles,
    ...libraryRuns(dir, config, createProvider, (line) => logs.push(line)),
    /** The administrator imports each file in order, waits for its report, then exports again. */
    importRun(runId: string): Transaction[] {
      const done = runFiles(runId).map((f) => platform.import(path.basename(f), readFileSync(f, 'utf8')));
      refresh();
      return done;
    },
  };
}

/** "KO ken@acme.com: locked license CSV…" lines of transactions, for assertions. */
export function koRows(transactions: Transaction[]): string[] {
  return transactions.flatMap((t) =>
    t.rows.filter((r) => r.status === 'KO').map((r) => `${r.user}: ${r.reason}`),
  );
}
