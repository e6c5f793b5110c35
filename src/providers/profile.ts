import type { FormatName } from '../formats/dialect.js';

/**
 * What a provider declares before any of its code is loaded: read when the configuration is loaded, so
 * that nothing above providers/ names a platform.
 */
export interface ProviderProfile {
  /**
   * The file dialect the platform speaks: the default `format` of its targets, and the role rules its
   * targets follow whatever their files' format (3DEXPERIENCE: role-id shape, prerequisites added).
   */
  dialect?: FormatName;
}
