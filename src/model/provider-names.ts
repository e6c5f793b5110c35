/**
 * The provider names rollcall knows. Kept apart from registry.ts so that loading a config does not load
 * any provider's code; a test checks that this list, the registry and the provider folders agree.
 */
export const PROVIDER_NAMES = ['local', '3dexperience', 'deepomatic', 'scim', 'anaplan', 'github'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];
