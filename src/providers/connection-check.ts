import type { Config, Target } from '../config/load.js';
import type { Diagnostics } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import { closest } from '../util/suggest.js';
import { keysAt } from '../util/zod-keys.js';
import { providerEntry } from './registry.js';
import type { ConnectionRules } from './types.js';

/**
 * What `validate` checks of a target's `connection` without creating its provider: the schema (unknown
 * keys with a "did you mean", missing or wrong values), then the provider's own offline rules (one way
 * to authenticate, https, a catalog for an Anaplan model, …). No network, no secrets: settings whose
 * environment variable is not set are left unchecked. Each provider module declares its rules
 * (`connection` beside `createProvider`); loaded only for the providers the config uses.
 */
function under(path: PropertyKey[], prefix: (string | number)[]): boolean {
  return prefix.every((p, i) => path[i] === p);
}

/** Adds every problem of the target's connection to `diags` (as `plan` would find them, all at once). */
export async function checkConnection(target: Target, config: Config, diags: Diagnostics): Promise<void> {
  const entry = providerEntry(target.provider);
  if (!entry) return; // the config's schema has already refused the provider's name
  const rules: ConnectionRules = (await entry.load()).connection;
  const unset = target.unsetEnv ?? [];
  const say = (detail: string) =>
    diags.error(target.connectionAt, `target "${target.name}": connection: ${detail}`);
  const parsed = rules.schema.safeParse(target.connection);
  if (!parsed.success) {
    const known = keysAt(rules.schema, []);
    const meant = new Set<PropertyKey>();
    for (const issue of parsed.error.issues)
      if (issue.code === 'unrecognized_keys')
        for (const key of issue.keys) {
          const c = closest(key, known);
          if (c) meant.add(c);
          say(`unknown key "${key}"${c ? `; did you mean "${c}"?` : ''}`);
        }
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') continue;
      if (unset.some((p) => under(issue.path, p) || under(p, issue.path as (string | number)[]))) continue;
      // A misspelt key makes the right one look missing: said once, by the unknown key's hint.
      if (issue.path.length === 1 && meant.has(issue.path[0] as PropertyKey)) continue;
      say(`${issue.path.join('.') || 'connection'}: ${issue.message}`);
    }
    return;
  }
  if (unset.length > 0) return; // the rules below read the values that are missing
  try {
    rules.settings(target, config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const d = e.diagnostics?.length ? e.diagnostics : undefined;
    if (d) diags.items.push(...d);
    else diags.error(target.connectionAt, e.message.replace(/^.*?: (?=target ")/, ''));
  }
}
