import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../config/load.js';
import { formatLocation } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import { displayPath } from '../util/display-path.js';
import { commandUploader, type Uploader } from '../util/upload-command.js';

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
    .union([
      z.string().regex(/\S/, 'names no command'),
      z.array(z.string().regex(/\S/, 'names no command')).min(1),
    ])
    .optional()
    .describe(
      'Command run for each import file, its path appended (no shell); exit 0 = uploaded, 75 = try again later. Without it the files and their upload order are printed',
    ),
  uploadTimeout: z
    .number()
    .int()
    .positive()
    .max(86_400, 'at most 86400 (a day)')
    .default(600)
    .describe('Seconds an upload may take'),
  self: z.string().min(1).optional().describe('The acting administrator (never loses admin)'),
};

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
  // A file in the way would fail every change of the run, after the plan was accepted.
  if (statSync(out.outDir, { throwIfNoEntry: false })?.isDirectory() === false)
    throw new ConfigError(
      `${formatLocation(target.connectionAt)}: target "${target.name}": connection: outDir: ${displayPath(out.outDir)} is a file, not a folder`,
    );
  if (c.upload) {
    const argv = typeof c.upload === 'string' ? c.upload.trim().split(/\s+/) : c.upload;
    out.upload = commandUploader(argv, { cwd: config.dir, timeoutMs: c.uploadTimeout * 1000 });
  }
  if (c.self) out.self = c.self;
  return out;
}
