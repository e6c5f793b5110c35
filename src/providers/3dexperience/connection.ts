import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { commandUploader, type Uploader } from '../../util/upload-command.js';
import { parseConnection } from '../connection.js';

/** Settings shared by the import-file providers (3DEXPERIENCE, Deepomatic): where files are read and written. */
export const importFileSettings = {
  outDir: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Where apply writes the import files, one folder per run (default .rollcall/<provider>/<target>)',
    ),
  upload: z
    .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
    .optional()
    .describe(
      'Command run for each import file, its path appended (no shell); exit 0 = uploaded, 75 = try again later. Without it the files and their upload order are printed',
    ),
  uploadTimeout: z.number().int().positive().default(600).describe('Seconds an upload may take'),
  self: z.string().min(1).optional().describe('The acting administrator (never loses admin)'),
};

const Connection = z.strictObject({
  export: z
    .string()
    .min(1)
    .describe(
      'The members export: a file, or a folder whose newest *.csv is read (relative to rollcall.yaml)',
    ),
  seats: z
    .string()
    .min(1)
    .optional()
    .describe('The seats file: "ROLE Used: N/M" per line, as the platform shows it'),
  ...importFileSettings,
});

export interface ImportFileSettings {
  outDir: string;
  upload?: Uploader;
  self?: string;
}

/** Resolves the shared settings: paths against the config's directory, the upload command to an uploader. */
export function resolveImportFileSettings(
  c: { outDir?: string; upload?: string | string[]; uploadTimeout: number; self?: string },
  target: Target,
  config: Config,
  provider: string,
): ImportFileSettings {
  const out: ImportFileSettings = {
    outDir: path.resolve(config.dir, c.outDir ?? path.join('.rollcall', provider, target.name)),
  };
  if (c.upload) {
    const argv = typeof c.upload === 'string' ? c.upload.trim().split(/\s+/) : c.upload;
    out.upload = commandUploader(argv, { cwd: config.dir, timeoutMs: c.uploadTimeout * 1000 });
  }
  if (c.self) out.self = c.self;
  return out;
}

export interface ThreeDxSettings extends ImportFileSettings {
  export: string;
  seats?: string;
}

export function threeDxSettings(target: Target, config: Config): ThreeDxSettings {
  const c = parseConnection(Connection, target);
  const settings: ThreeDxSettings = {
    ...resolveImportFileSettings(c, target, config, '3dexperience'),
    export: path.resolve(config.dir, c.export),
  };
  if (c.seats) settings.seats = path.resolve(config.dir, c.seats);
  return settings;
}
