import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { parseConnection } from '../connection.js';
import { type ImportFileSettings, importFileSettings, resolveImportFileSettings } from '../import-files.js';

export const Connection = z.strictObject({
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
