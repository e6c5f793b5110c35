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
  revokeByForceRow: z
    .boolean()
    .default(false)
    .describe(
      'Write a revoke as a `force` row listing the roles the member keeps. The platform documents `force` as "force synchronization of all mandatory parameters (… role …)", never as taking roles away: check on your platform that it does before turning this on. Off (default): a revoke is blocked in the plan, to be done by hand (Members Control Center > Roles & Options)',
    ),
  pendingAfterDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(14)
    .describe(
      'Members Pending (invitation not accepted) for longer than this many days are reported, to resend the invitation (Resend Invitation); needs the export\'s "invited" column',
    ),
  grantWithoutLicense: z
    .boolean()
    .default(false)
    .describe(
      'The tenant has "Allow administrators to grant roles without assigning the associated license" selected (Members Control Center > Configure Members Options): seat shortfalls are shown in the plan but block nothing',
    ),
  ...importFileSettings,
});

export interface ThreeDxSettings extends ImportFileSettings {
  export: string;
  /** Opt-in: revokes go in `force` rows (see the setting's description). */
  revokeByForceRow?: boolean;
  /** The tenant grants roles without licenses: seat checks are warnings. */
  grantWithoutLicense?: boolean;
  /** Pending longer than this many days is reported. */
  pendingAfterDays?: number;
  seats?: string;
}

export function threeDxSettings(target: Target, config: Config): ThreeDxSettings {
  const c = parseConnection(Connection, target);
  const settings: ThreeDxSettings = {
    ...resolveImportFileSettings(c, target, config, '3dexperience'),
    export: path.resolve(config.dir, c.export),
  };
  if (c.seats) settings.seats = path.resolve(config.dir, c.seats);
  if (c.revokeByForceRow) settings.revokeByForceRow = true;
  if (c.grantWithoutLicense) settings.grantWithoutLicense = true;
  settings.pendingAfterDays = c.pendingAfterDays;
  return settings;
}
