import path from 'node:path';
import type { z } from 'zod';
import type { RoleNames } from '../formats/dialect.js';
import type { Approval } from '../model/approval.js';
import type { RoleCosts } from '../model/cost.js';
import { type Diagnostic, Diagnostics, type SourceLocation } from '../model/diagnostic.js';
import { ConfigError } from '../model/errors.js';
import type { MemberDefaults } from '../model/members-file.js';
import { type ProviderName, REGISTRY } from '../providers/registry.js';
import { displayPath } from '../util/display-path.js';
import { fileKind, fileSystemReason, isFileSystemError } from '../util/fs-errors.js';
import { didYouMean } from '../util/suggest.js';
import { DecodeError, readUtf8 } from '../util/text.js';
import { YamlSource } from '../util/yaml-source.js';
import { loadApprovals } from './approvals.js';
import { RoleCatalog } from './catalog.js';
import { catalogCosts } from './costs.js';
import { type InterpolationProblem, interpolateEnv } from './interpolate.js';
import { CONFIG_RULES, targetRoleRules } from './rules.js';
import { ConfigFile, type Format, type Policy } from './schema.js';

/** One target, ready for the loaders, the planner and its provider. */
export interface Target {
  name: string;
  provider: ProviderName;
  /** Dialect of the non-YAML desired-state files. */
  format: Format;
  /** Globs relative to the config directory, with where each stands in rollcall.yaml. */
  members: { pattern: string; at: SourceLocation }[];
  /** Provider settings with `${env:…}` already replaced (values registered as secrets). */
  connection: Record<string, unknown>;
  catalog: RoleCatalog;
  /** The shape of the platform's role ids, when it has one (from the dialects the target speaks). */
  roleNames?: RoleNames;
  defaults: MemberDefaults;
  policy: Policy;
  /** Seat prices per month, when the catalog has costs (design §6.1). */
  costs?: RoleCosts;
  /** Entries of the approvals file for this target (design §6.1). */
  approvals: Approval[];
  /** Where the target stands in rollcall.yaml. */
  at: SourceLocation;
  /** Connection settings whose environment variable is not set (`validate` only; other commands refuse). */
  unsetEnv?: (string | number)[][];
  /** Where its `connection` stands (the target when it has none). */
  connectionAt: SourceLocation;
}

export interface Config {
  file: string;
  dir: string;
  targets: Target[];
  /** Where apply appends its audit journal. */
  journal: string;
  /** Every target name of the file, selected or not (people's access entries name them). */
  targetNames: string[];
  /** Globs of the people directory (design §4.5), with where each stands in rollcall.yaml. */
  people: { pattern: string; at: SourceLocation }[];
  /** Warnings found while loading; errors throw. */
  warnings: Diagnostic[];
}

export interface LoadConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Names of the targets to keep (`--target`); all when empty. */
  targets?: readonly string[];
  /** Display path of the file in messages (default: relative to the working directory). */
  displayPath?: string;
  /** `validate`: an environment variable that is not set is a warning, and its settings are not checked. */
  unsetEnvIsWarning?: boolean;
}

/** Reads rollcall.yaml: parse → schema → named rules → normalize. Throws ConfigError with every problem. */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<Config> {
  const display = options.displayPath ?? displayPath(file);
  const kind = await fileKind(file);
  if (kind === 'missing') throw new ConfigError(`${display}: config file not found`);
  if (typeof kind === 'object') throw new ConfigError(`${display}: cannot read config file: ${kind.problem}`);
  if (kind === 'directory') throw new ConfigError(`${display}: cannot read config file: it is a directory`);
  const diags = new Diagnostics();
  let text: string;
  try {
    text = await readUtf8(file);
  } catch (e) {
    if (e instanceof DecodeError) throw new ConfigError(`${display}:${e.line}:${e.column}: ${e.message}`);
    throw new ConfigError(
      `${display}: cannot read config file: ${isFileSystemError(e) ? fileSystemReason(e) : (e as Error).message}`,
    );
  }
  const parsed = YamlSource.parse(display, text, diags);
  if (!parsed) throw failure(display, diags);
  if (parsed.value === null || parsed.value === undefined)
    throw new ConfigError(`${display}:1:1: config file is empty`);
  const result = ConfigFile.safeParse(parsed.value);
  if (!result.success) {
    parsed.source.reportIssues(result.error.issues, diags, ConfigFile as unknown as z.ZodType);
    throw failure(display, diags);
  }
  const config = result.data;
  for (const rule of CONFIG_RULES) rule({ config, source: parsed.source, diags });

  const wanted = options.targets ?? [];
  const names = config.targets.map((t) => t.name);
  for (const w of wanted)
    if (!names.includes(w))
      throw new ConfigError(
        `${display}: unknown target "${w}"${didYouMean(w, names)}; targets in this config: ${names.join(', ')}`,
      );

  const dir = path.dirname(path.resolve(file));
  const approvals = config.approvals
    ? await loadApprovals(config.approvals, dir, parsed.source.locate(['approvals']), names, diags)
    : [];
  const targets: Target[] = [];
  config.targets.forEach((t, i) => {
    if (wanted.length > 0 && !wanted.includes(t.name)) return;
    const problems: InterpolationProblem[] = [];
    const connection = interpolateEnv(t.connection, options.env ?? process.env, problems) as Record<
      string,
      unknown
    >;
    const unsetEnv: (string | number)[][] = [];
    for (const p of problems) {
      const at = parsed.source.locate(['targets', i, 'connection', ...p.path]);
      if (p.unset && options.unsetEnvIsWarning) {
        diags.warn(at, `${p.message} (plan and apply need it)`);
        unsetEnv.push(p.path);
      } else diags.error(at, p.message);
    }
    const rules = targetRoleRules(t);
    targets.push({
      name: t.name,
      provider: t.provider,
      format: t.format ?? REGISTRY[t.provider].profile.dialect ?? 'yaml',
      members: (t.members ?? []).map((pattern, j) => ({
        pattern,
        at: parsed.source.locate(['targets', i, 'members', j]),
      })),
      connection,
      catalog: new RoleCatalog(t.roles, t.bundles, rules.prerequisites),
      ...(rules.roleNames && { roleNames: rules.roleNames }),
      defaults: t.defaults ?? {},
      policy: t.policy,
      approvals: approvals.filter((a) => a.target === t.name),
      ...(catalogCosts(t.roles) && { costs: catalogCosts(t.roles) }),
      at: parsed.source.locate(['targets', i]),
      connectionAt: parsed.source.locate(['targets', i, 'connection'], { key: true }),
      ...(unsetEnv.length ? { unsetEnv } : {}),
    });
  });
  if (diags.hasErrors) throw failure(display, diags);
  return {
    file: path.resolve(file),
    dir,
    targets,
    journal: path.resolve(dir, config.journal ?? '.rollcall/journal.jsonl'),
    targetNames: names,
    people: (config.people ?? []).map((pattern, j) => ({ pattern, at: parsed.source.locate(['people', j]) })),
    warnings: diags.items,
  };
}

function failure(display: string, diags: Diagnostics): ConfigError {
  const n = diags.errorCount;
  return new ConfigError(`${display}: ${n} problem${n === 1 ? '' : 's'} in the configuration`, diags.items);
}
