import { loadConfig } from '../config/load.js';
import type { Diagnostic } from '../model/diagnostic.js';

export interface TargetListing {
  name: string;
  provider: string;
  format: string;
  /** The `members` globs, as rollcall.yaml writes them. */
  members: string[];
}

/**
 * `rollcall targets` as a library call: the configured targets, for a person or for a workflow's
 * matrix (one job per target). It reads no platform and needs no credentials: an `${env:…}` the
 * environment does not set is taken as set, since listing never uses a connection.
 */
export async function targetsRun(
  configFile: string,
  options: { env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<{ targets: TargetListing[]; warnings: Diagnostic[] }> {
  const env = options.env ?? process.env;
  const anyValue = new Proxy(
    {},
    { get: (_, name) => (typeof name === 'string' ? env[name] || `unset-${name}` : undefined) },
  ) as Record<string, string>;
  const config = await loadConfig(configFile, { env: anyValue });
  return {
    targets: config.targets.map((t) => ({
      name: t.name,
      provider: t.provider,
      format: t.format,
      members: t.members.map((m) => m.pattern),
    })),
    warnings: config.warnings,
  };
}
