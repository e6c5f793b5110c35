import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { deepomaticSettings } from '../../../src/providers/deepomatic/connection.js';
import { DeepomaticProvider } from '../../../src/providers/deepomatic/index.js';
import type { ApplyOptions } from '../../../src/run/apply.js';
import type { Uploader } from '../../../src/util/upload-command.js';
import { writeUsersExport } from '../../emulators/deepomatic/export.js';
import { EmulatedDeepomatic } from '../../emulators/deepomatic/platform.js';
import { libraryRuns } from '../../helpers/local-project.js';
import { tmpDir } from '../../helpers/tmp.js';

export const HEADER = 'Email,First name,Last name,Description';

/** Acme's vision team: annotators in Lyon and Paris, one pending, one whose invitation expired. */
export function acmeVision(): EmulatedDeepomatic {
  const p = new EmulatedDeepomatic({
    roles: ['Viewer', 'Annotator', 'Supervisor'],
    sites: ['Lyon', 'Paris'],
  });
  const team = { roles: ['Annotator'], sites: ['Lyon', 'Paris'] };
  p.seed({ email: 'ada@acme.com', firstName: 'Ada', lastName: 'Lovelace', ...team });
  p.seed({
    email: 'grace@acme.com',
    firstName: 'Grace',
    lastName: 'Hopper',
    status: 'Invite Pending',
    ...team,
  });
  p.seed({
    email: 'alan@acme.com',
    firstName: 'Alan',
    lastName: 'Turing',
    status: 'Invite Expired',
    ...team,
  });
  return p;
}

export const TEAM_CSV = [
  HEADER,
  'ada@acme.com,Ada,Lovelace,',
  'grace@acme.com,Grace,Hopper,',
  'alan@acme.com,Alan,Turing,',
  'katherine@acme.com,Katherine,Johnson,"Trajectories, orbits"',
].join('\n');

export const SUPERVISORS_YAML = `defaults: { roles: [Supervisor], access: [Lyon] }
members:
  - { email: margaret@acme.com, firstName: Margaret, lastName: Hamilton }
  - { email: edsger@acme.com, firstName: Edsger, lastName: Dijkstra, description: Reviews the models }
`;

/**
 * A rollcall project on an emulated Deepomatic organization. `uploads: true` hands each file to the
 * platform as an upload command would (role and sites from ROLLCALL_ROLES / ROLLCALL_SITE_ACCESSES), and
 * exports the users after each import.
 */
export function deepomaticProject(
  platform: EmulatedDeepomatic,
  options: {
    files: Record<string, string | Uint8Array>;
    fileFormat?: 'csv' | 'xlsx';
    uploads?: boolean;
    policy?: string;
  },
) {
  const dir = tmpDir({
    'rollcall.yaml': [
      'version: 1',
      'targets:',
      '  - name: acme-vision',
      '    provider: deepomatic',
      '    members: [members/*]',
      `    connection: { export: export/users.csv, fileFormat: ${options.fileFormat ?? 'csv'} }`,
      '    roles: { Viewer: {}, Annotator: {}, Supervisor: {} }',
      '    defaults: { roles: [Annotator], access: [Lyon, Paris] }',
      `    policy: { ${options.policy ?? 'prune: false'} }`,
      '',
    ].join('\n'),
    ...Object.fromEntries(Object.entries(options.files).map(([n, c]) => [`members/${n}`, c])),
  });
  const config = path.join(dir, 'rollcall.yaml');
  const exportFile = path.join(dir, 'export/users.csv');
  const refresh = () => writeUsersExport(platform, exportFile);
  refresh();
  const logs: string[] = [];
  const upload: Uploader = async (file, env = {}) => {
    const list = (v = '') => v.split(',').filter(Boolean);
    const r = await platform.importFile(path.basename(file), readFileSync(file), {
      roles: list(env.ROLLCALL_ROLES),
      sites: list(env.ROLLCALL_SITE_ACCESSES),
    });
    refresh();
    return r.error ? { ok: false, message: r.error } : { ok: true };
  };
  const createProvider: ApplyOptions['createProvider'] = (t, c) => {
    const settings = deepomaticSettings(t, c);
    if (options.uploads) settings.upload = upload;
    return new DeepomaticProvider(t.name, settings);
  };
  const outDir = path.join(dir, '.rollcall/deepomatic/acme-vision');
  return {
    dir,
    logs,
    outDir,
    refresh,
    ...libraryRuns(dir, config, createProvider, (line) => logs.push(line)),
    runFiles: (runId: string) =>
      readdirSync(path.join(outDir, runId))
        .filter((f) => /\.(csv|xlsx)$/.test(f))
        .sort()
        .map((f) => path.join(outDir, runId, f)),
  };
}
