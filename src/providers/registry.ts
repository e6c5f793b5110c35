import type { Config, Target } from '../config/load.js';
import { ConfigError } from '../model/errors.js';
import { profile as threeDx } from './3dexperience/profile.js';
import { profile as anaplan } from './anaplan/profile.js';
import { profile as deepomatic } from './deepomatic/profile.js';
import { profile as github } from './github/profile.js';
import { profile as local } from './local/profile.js';
import type { ProviderProfile } from './profile.js';
import { profile as scim } from './scim/profile.js';
import type { Provider, ProviderContext, ProviderModule } from './types.js';

interface RegistryEntry {
  /** What the provider declares, read with the configuration (its folder's profile.ts: no code loaded). */
  profile: ProviderProfile;
  /** The provider's code, loaded only when a target uses it. */
  load(): Promise<ProviderModule>;
}

/**
 * Every provider: one line each, the only list of them. Its keys are the provider names the
 * configuration accepts; a test checks them against the folders.
 */
export const REGISTRY = {
  local: { profile: local, load: () => import('./local/index.js') },
  '3dexperience': { profile: threeDx, load: () => import('./3dexperience/index.js') },
  deepomatic: { profile: deepomatic, load: () => import('./deepomatic/index.js') },
  scim: { profile: scim, load: () => import('./scim/index.js') },
  anaplan: { profile: anaplan, load: () => import('./anaplan/index.js') },
  github: { profile: github, load: () => import('./github/index.js') },
} as const satisfies Record<string, RegistryEntry>;

export type ProviderName = keyof typeof REGISTRY;
export const PROVIDER_NAMES = Object.keys(REGISTRY) as [ProviderName, ...ProviderName[]];

/** The registry entry of a provider name, or undefined for a name rollcall does not know. */
export function providerEntry(name: string): RegistryEntry | undefined {
  return Object.hasOwn(REGISTRY, name) ? REGISTRY[name as ProviderName] : undefined;
}

export async function createProvider(
  target: Target,
  config: Config,
  context: ProviderContext = { log: () => {} },
): Promise<Provider> {
  const entry = providerEntry(target.provider);
  if (!entry)
    throw new ConfigError(
      `unknown provider "${target.provider}"; known providers: ${PROVIDER_NAMES.join(', ')}`,
    );
  const mod = await entry.load();
  return mod.createProvider(target, config, context);
}
