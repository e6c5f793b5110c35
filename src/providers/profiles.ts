import type { ProviderName } from '../model/provider-names.js';
import { profile as threeDx } from './3dexperience/profile.js';
import { profile as anaplan } from './anaplan/profile.js';
import { profile as deepomatic } from './deepomatic/profile.js';
import { profile as github } from './github/profile.js';
import { profile as local } from './local/profile.js';
import type { ProviderProfile } from './profile.js';
import { profile as scim } from './scim/profile.js';

/** Each provider's declarations (its folder's profile.ts), light enough to read with the configuration. */
export const PROFILES: Readonly<Record<ProviderName, ProviderProfile>> = {
  local,
  '3dexperience': threeDx,
  deepomatic,
  scim,
  anaplan,
  github,
};
