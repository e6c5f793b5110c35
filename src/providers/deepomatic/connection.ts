import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { parseConnection } from '../connection.js';
import { type ImportFileSettings, importFileSettings, resolveImportFileSettings } from '../import-files.js';

export const Connection = z.strictObject({
  export: z
    .string()
    .min(1)
    .describe('The users export: a file, or a folder whose newest *.csv is read (relative to rollcall.yaml)'),
  fileFormat: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .describe('Invite files apply writes: csv (default) or xlsx'),
  ...importFileSettings,
});

export interface DeepomaticSettings extends ImportFileSettings {
  export: string;
  fileFormat: 'csv' | 'xlsx';
}

export function deepomaticSettings(target: Target, config: Config): DeepomaticSettings {
  const c = parseConnection(Connection, target);
  return {
    ...resolveImportFileSettings(c, target, config, 'deepomatic'),
    export: path.resolve(config.dir, c.export),
    fileFormat: c.fileFormat,
  };
}
