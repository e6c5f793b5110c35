import { roleRules } from '../formats/index.js';
import type { Diagnostics } from '../model/diagnostic.js';
import { REGISTRY } from '../providers/registry.js';
import type { YamlSource } from '../util/yaml-source.js';
import { oneCurrency } from './costs.js';
import type { ConfigFile } from './schema.js';

type Target = ConfigFile['targets'][number];

export interface RuleContext {
  config: ConfigFile;
  source: YamlSource;
  diags: Diagnostics;
}

/** One named check over a parsed config; adds errors or warnings (changesets `config/src/rules.ts`). */
export type ConfigRule = (ctx: RuleContext) => void;

const uniqueTargetNames: ConfigRule = ({ config, source, diags }) => {
  const seen = new Map<string, number>();
  config.targets.forEach((t, i) => {
    const first = seen.get(t.name);
    if (first === undefined) seen.set(t.name, i);
    else {
      const where = source.locate(['targets', first, 'name']);
      diags.error(
        source.locate(['targets', i, 'name']),
        `duplicate target name "${t.name}" (first at line ${where.line})`,
      );
    }
  });
};

const catalogReferences: ConfigRule = ({ config, source, diags }) => {
  config.targets.forEach((t, i) => {
    const roles = t.roles;
    if (!roles) return;
    for (const [role, spec] of Object.entries(roles)) {
      (spec.requires ?? []).forEach((req, j) => {
        if (!Object.hasOwn(roles, req))
          diags.error(
            source.locate(['targets', i, 'roles', role, 'requires', j]),
            `role "${role}" requires "${req}", which is not in the catalog`,
          );
      });
    }
    const cycle = findCycle(Object.keys(roles), (r) => roles[r]?.requires ?? []);
    if (cycle)
      diags.error(
        source.locate(['targets', i, 'roles', cycle[0]!]),
        `role prerequisites form a cycle: ${cycle.join(' → ')}`,
      );
  });
};

const bundleReferences: ConfigRule = ({ config, source, diags }) => {
  config.targets.forEach((t, i) => {
    const bundles = t.bundles ?? {};
    for (const [name, refs] of Object.entries(bundles)) {
      refs.forEach((ref, j) => {
        const at = source.locate(['targets', i, 'bundles', name, j]);
        if (ref.startsWith('@')) {
          if (!Object.hasOwn(bundles, ref.slice(1)))
            diags.error(at, `bundle "${name}" uses unknown bundle "${ref}"`);
        } else if (t.roles && !Object.hasOwn(t.roles, ref)) {
          diags.error(at, `bundle "${name}" uses role "${ref}", which is not in the catalog`);
        }
      });
    }
    const cycle = findCycle(Object.keys(bundles), (b) =>
      (bundles[b] ?? []).filter((r) => r.startsWith('@')).map((r) => r.slice(1)),
    );
    if (cycle)
      diags.error(
        source.locate(['targets', i, 'bundles', cycle[0]!]),
        `bundles include each other in a cycle: ${cycle.map((b) => `@${b}`).join(' → ')}`,
      );
  });
};

/**
 * A platform with a shape for its role ids (3DEXPERIENCE: trigrams, RAP-/MAP- ids): a catalog with other
 * names could never be imported. Without a catalog, the roles named in bundles and defaults are checked
 * here, as nothing else would.
 */
const platformRoleNames: ConfigRule = ({ config, source, diags }) => {
  config.targets.forEach((t, i) => {
    const names = targetRoleRules(t).roleNames;
    if (!names) return;
    const not = `is not a ${names.platform} role: ${names.hint}`;
    for (const role of Object.keys(t.roles ?? {})) {
      if (!names.test(role))
        diags.error(source.locate(['targets', i, 'roles', role], { key: true }), `"${role}" ${not}`);
    }
    if (t.roles) return;
    for (const [name, refs] of Object.entries(t.bundles ?? {}))
      refs.forEach((ref, j) => {
        if (!ref.startsWith('@') && !names.test(ref))
          diags.error(
            source.locate(['targets', i, 'bundles', name, j]),
            `bundle "${name}" uses "${ref}", which ${not}`,
          );
      });
    (t.defaults?.roles ?? []).forEach((ref, j) => {
      if (!ref.startsWith('@') && !names.test(ref))
        diags.error(
          source.locate(['targets', i, 'defaults', 'roles', j]),
          `defaults use "${ref}", which ${not}`,
        );
    });
  });
};

const policyPatterns: ConfigRule = ({ config, source, diags }) => {
  config.targets.forEach((t, i) => {
    for (const list of ['ignore', 'protect'] as const) {
      t.policy[list].forEach((p, j) => {
        if (p.trim() === '')
          diags.error(source.locate(['targets', i, 'policy', list, j]), `empty ${list} pattern`);
      });
    }
    // With a people directory, offboard also says how far a person who left goes.
    if (t.policy.offboard !== 'remove' && !t.policy.prune && !config.people?.length) {
      diags.warn(
        source.locate(['targets', i, 'policy', 'offboard']),
        `policy.offboard is "${t.policy.offboard}" but prune is off: it applies only to members in no file`,
      );
    }
  });
};

/** `${env:NAME}` is replaced in `connection` only; anywhere else it would be taken as written. */
const envOutsideConnection: ConfigRule = ({ config, source, diags }) => {
  const walk = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      if (value.includes('${env:'))
        diags.error(
          source.locate(path),
          "${env:…} is replaced only in a target's connection; here it would be taken as written",
        );
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, [...path, i]);
      });
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) {
        if (path.length === 2 && path[0] === 'targets' && k === 'connection') continue;
        walk(v, [...path, k]);
      }
  };
  walk(config, []);
};

/** The role rules of the dialects a target speaks: its platform's (its provider's profile) and its files'. */
export function targetRoleRules(t: Pick<Target, 'provider' | 'format'>): ReturnType<typeof roleRules> {
  return roleRules([REGISTRY[t.provider].profile.dialect, t.format]);
}

/** A target needs members files, or the people directory to feed it. */
const targetMembers: ConfigRule = ({ config, source, diags }) => {
  if (config.people && config.people.length > 0) return;
  config.targets.forEach((t, i) => {
    if (!t.members)
      diags.error(
        source.locate(['targets', i]),
        `target "${t.name}" has no members files: add "members:", or a people directory ("people:")`,
      );
  });
};

export const CONFIG_RULES: readonly ConfigRule[] = [
  uniqueTargetNames,
  catalogReferences,
  bundleReferences,
  platformRoleNames,
  policyPatterns,
  envOutsideConnection,
  oneCurrency,
  targetMembers,
];

/** A cycle in a directed graph, as the list of nodes around it, or undefined. */
function findCycle(nodes: string[], edges: (n: string) => readonly string[]): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 2) return undefined;
    if (state.get(n) === 1) return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 1);
    stack.push(n);
    for (const m of edges(n)) {
      if (!nodes.includes(m)) continue;
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 2);
    return undefined;
  };
  for (const n of nodes) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
