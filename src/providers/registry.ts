import type { Config, Target } from '../config/load.js';
import { ConfigError } from '../model/errors.js';
import { PROVIDER_NAMES, type ProviderName } from '../model/provider-names.js';
import type { Provider, ProviderContext, ProviderModule } from './types.js';

/** Every provider, loaded only when a target uses it. A test checks these keys = names.ts = folders. */
export const REGISTRY: Record<ProviderName, () => Promise<ProviderModule>> = {
  local: () => import('./local/index.js'),
  '3dexperience': () => import('./3dexperience/index.js'),
  deepomatic: () => import('./deepomatic/index.js'),
  scim: () => import('./scim/index.js'),
  anaplan: () => import('./anaplan/index.js'),
  github: () => import('./github/index.js'),
};

export async function createProvider(
  target: Target,
  config: Config,
  context: ProviderContext = { log: () => {} },
): Promise<Provider> {
  const load = (REGISTRY as Record<string, (() => Promise<ProviderModule>) | undefined>)[target.provider];
  if (!load)
    throw new ConfigError(
      `unknown provider "${target.provider}"; known providers: ${PROVIDER_NAMES.join(', ')}`,
    );
  const mod = await load();
  return mod.createProvider(target, config, context);
}
