import type { ProviderProfile } from '../profile.js';

/** Reads and writes YAML members files; no platform role rules. */
export const profile: ProviderProfile = {};
