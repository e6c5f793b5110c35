import path from 'node:path';
import { z } from 'zod';
import type { Config, Target } from '../../config/load.js';
import { formatLocation } from '../../model/diagnostic.js';
import { ConfigError } from '../../model/errors.js';
import { parseConnection } from '../connection.js';
import { type ImportFileSettings, importFileSettings, resolveImportFileSettings } from '../import-files.js';
import { SCIM_CONNECTION_FIELDS } from '../scim/index.js';

/** Anaplan returns at most 100 users per page. */
export const ANAPLAN_PAGE_SIZE = 100;

const { self: _self, ...fileSettings } = importFileSettings;

/**
 * The model whose roles, selective access and SSO rollcall manages through the user import file (design
 * §4.4). Without it, the target manages users and workspace access only.
 */
const ModelImport = z.strictObject({
  name: z.string().min(1).optional().describe('The model the import runs in, as Anaplan names it'),
  export: z
    .string()
    .min(1)
    .describe(
      "The model's users export: a file, or a folder whose newest *.csv or *.txt is read (relative to rollcall.yaml)",
    ),
  fileFormat: z
    .enum(['csv', 'txt'])
    .default('csv')
    .describe('User import files apply writes: csv (comma-separated, default) or txt (tab-separated)'),
  ...fileSettings,
});

export const Connection = z.strictObject({
  url: z
    .string()
    .min(1)
    .default('https://api.anaplan.com')
    .describe('Anaplan API origin; /scim/1/0/v2 is added'),
  workspaces: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe('Workspace roles: name used in members files → Anaplan workspace id'),
  ...SCIM_CONNECTION_FIELDS,
  pageSize: z.number().int().min(1).max(ANAPLAN_PAGE_SIZE).default(ANAPLAN_PAGE_SIZE),
  model: ModelImport.optional().describe(
    'Model roles, selective access and SSO: the users export read and the user import files written',
  ),
});

export type AnaplanConnection = z.infer<typeof Connection>;

/** Where the model's users are read from and the import files go, resolved against rollcall.yaml. */
export interface ModelImportSettings extends ImportFileSettings {
  name?: string;
  /** The users export: a file or a folder. */
  export: string;
  fileFormat: 'csv' | 'txt';
}

export function parseAnaplanConnection(target: Target): AnaplanConnection {
  return parseConnection(Connection, target);
}

/**
 * The `model` settings. A role that does not exist in the model must never reach an import file, so a
 * catalog (`roles:`, the model's Roles tab plus the workspaces) is required: the loaders then refuse any
 * other role before a plan is made.
 */
export function modelImportSettings(
  c: AnaplanConnection,
  target: Target,
  config: Config,
): ModelImportSettings | undefined {
  if (!c.model) return undefined;
  if (!target.catalog.defined)
    throw new ConfigError(
      `${formatLocation(target.connectionAt)}: target "${target.name}": connection.model needs a role catalog: list the model's roles (its Roles tab) and the workspaces under roles:`,
    );
  const settings: ModelImportSettings = {
    ...resolveImportFileSettings(c.model, target, config, 'anaplan'),
    export: path.resolve(config.dir, c.model.export),
    fileFormat: c.model.fileFormat,
  };
  if (c.model.name) settings.name = c.model.name;
  return settings;
}
