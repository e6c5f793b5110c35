/**
 * The domain of a member's `location` (design §4.1): the 3DEXPERIENCE cloud site codes
 * (platform-docs/3dexperience-invite-members-csv.txt), the only platform that places members.
 */

/** 3DEXPERIENCE cloud location (site) codes. An empty location means the platform default. */
export const LOCATION_CODES = [
  'APC2',
  'EU2',
  'USW2',
  'APK2',
  'AP2',
  'APT2',
  'EUW1',
  'EU1',
  'APH1',
  'USE1',
  'INDW2',
  'USW1',
  'APH7',
  'APS2',
  'DSHQ1',
  'EUW6',
] as const;
export type LocationCode = (typeof LOCATION_CODES)[number];

const LOCATIONS: ReadonlySet<string> = new Set(LOCATION_CODES);

/**
 * The batch CSV's `location` value "null - default": the platform's default site. A desired location of
 * `null` (any case) asks for it; an export shows it as an empty location (the member's location unset).
 */
export const DEFAULT_LOCATION = 'null';

export function isLocationCode(value: string): value is LocationCode {
  return LOCATIONS.has(value);
}
