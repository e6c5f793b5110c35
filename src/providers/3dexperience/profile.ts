import type { ProviderProfile } from '../profile.js';

export const profile: ProviderProfile = { dialect: '3dexperience' };
