import type { ProviderProfile } from '../profile.js';

/** Reads YAML members files (github: LOGIN, githubId: NUMBER); no platform file dialect. */
export const profile: ProviderProfile = {};
