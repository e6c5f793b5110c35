import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { type Config, loadConfig, type Target } from '../config/load.js';
import { type FormatName, render, writerFor } from '../formats/index.js';
import { mergeMembersYaml } from '../formats/yaml/merge-members.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { ConfigError, ValidationError } from '../model/errors.js';
import { keyMatcher } from '../model/key-match.js';
import { isPresent } from '../model/lifecycle.js';
import type { ActualState } from '../model/member.js';
import { createProvider } from '../providers/registry.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { displayPath } from '../util/display-path.js';
import { plural } from '../util/plural.js';
import { configFlag } from '../util/shell-word.js';
import { checkRoundTrip } from './import-check.js';

export interface ImportOptions {
  /** The one target to import. */
  target: string;
  /** Format to write (default: the target's). */
  format?: FormatName;
  /** Directory to write `<target>.<ext>` in (default: the working directory). */
  out?: string;
  force?: boolean;
  /**
   * `diff`: write nothing, return the text next to the file's (import --diff). `write`: write only when
   * the text differs from the file's, which may exist (import --write).
   */
  mode?: 'diff' | 'write';
  env?: Readonly<Record<string, string | undefined>>;
  /** Plain progress lines. */
  log?: (line: string) => void;
  /** The configuration's warnings, as soon as it is loaded. */
  onWarnings?: (warnings: Diagnostic[]) => void;
}

export interface ImportOutcome {
  target: Target;
  config: Config;
  format: FormatName;
  /** The file written, and as messages show it. */
  file: string;
  shown: string;
  /** What was written and what was left out, one line each. */
  written: string[];
  /** How to make the file the target's desired state. */
  hint: string[];
  /** What a plan against the written file would still do (defaults, catalog, prune apply to it too). */
  differences: string[];
  /** Whether members the format cannot say (removed, pseudonymized) were left out, so prune applies. */
  writesStates: boolean;
  warnings: Diagnostic[];
  /** What import writes (or, with mode diff, would write), and the file's text before, when it existed. */
  text: string;
  previous?: string;
  /** Whether the text differs from the file's (always true for a new file). */
  changed: boolean;
}

/** The members JSON Schema shipped with rollcall (lib/run and src/run are both two levels down). */
const PACKAGE_SCHEMA = fileURLToPath(new URL('../../schemas/members.schema.json', import.meta.url));
/** Load errors named before "and N more". */
const SHOWN = 10;

/**
 * `rollcall import` as a library call: writes one target's actual state as a desired-state file that
 * rollcall's own loader reads back to exactly that state, so that a plan right after has no changes. The
 * text is read back and planned before anything is written; a file that would not load is not written.
 */
export async function importRun(configFile: string, options: ImportOptions): Promise<ImportOutcome> {
  const config = await loadConfig(configFile, { targets: [options.target], env: options.env });
  options.onWarnings?.(config.warnings);
  const target = config.targets[0]!;
  const format = options.format ?? target.format;
  const writer = writerFor(format);
  if (typeof writer === 'string') throw new ConfigError(writer);

  const file = path.resolve(options.out ?? '.', `${target.name}${writer.extension}`);
  const shown = displayPath(file);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new ConfigError(`${shown} is a directory`);
    if (!options.force && options.mode === undefined)
      throw new ConfigError(`${shown} already exists; use --force to overwrite it`);
  }
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : undefined;

  const provider = await createProvider(target, config);
  const read = await provider.read();
  const isIgnored = keyMatcher(target.policy.ignore);
  const actual: ActualState = { ...read, members: read.members.filter((m) => !isIgnored(m.key)) };
  const ignored = read.members.length - actual.members.length;
  options.log?.(`${target.name}: ${plural(read.members.length, 'member')} on the platform`);

  const whole = render(writer, actual, {
    target: target.name,
    schema: schemaRef(config, path.dirname(file)),
  });
  // --diff and --write change only the members that differ, keeping the file's comments and order.
  const text =
    (options.mode !== undefined && previous !== undefined && format === 'yaml'
      ? mergeMembersYaml(previous, whole, {
          expandRoles: (roles) => {
            const expanded = target.catalog.expand(roles);
            return expanded.problems.length > 0 ? undefined : [...expanded.roles];
          },
        })
      : undefined) ?? whole;
  const check = await checkRoundTrip(text, writer, target, provider.capabilities, actual, shown);
  if (check.errors.length > 0)
    throw new ValidationError(
      `${shown}: rollcall could not read back what import would write (${plural(check.errors.length, 'problem')}); nothing written`,
      check.errors.slice(0, SHOWN),
    );
  const changed = previous !== text;
  if (options.mode !== 'diff' && changed) await writeFileAtomic(file, text);

  const kept = writer.writesStates ? actual.members : actual.members.filter((m) => isPresent(m.status));
  const written = [`${target.name}: wrote ${summary(kept)} to ${shown}`];
  if (ignored > 0)
    written.push(`${target.name}: left out ${plural(ignored, 'member')} matching policy.ignore`);
  const offboarded = actual.members.length - kept.length;
  if (offboarded > 0)
    written.push(
      `${target.name}: left out ${plural(offboarded, 'removed or pseudonymized member')}: a ${format} file has no state (--format yaml keeps them)`,
    );
  return {
    target,
    config,
    format,
    file,
    shown,
    written,
    hint: hint(config, target, file, format),
    differences: check.differences,
    writesStates: writer.writesStates,
    warnings: config.warnings,
    text,
    previous,
    changed,
  };
}

function summary(members: ActualState['members']): string {
  const count = { invited: 0, active: 0, removed: 0, pseudonymized: 0 };
  for (const m of members) count[m.status]++;
  const parts = (['invited', 'removed', 'pseudonymized'] as const)
    .filter((s) => count[s] > 0)
    .map((s) => `${count[s]} ${s}`);
  return plural(members.length, 'member') + (parts.length ? ` (${parts.join(', ')})` : '');
}

/** How the target's `members` should name the file, and whether it already does. */
function hint(config: Config, target: Target, file: string, format: FormatName): string[] {
  const rel = path.relative(config.dir, file).split(path.sep).join('/');
  const lines: string[] = [];
  const matching = target.members.find((m) => picomatch(m.pattern, { dot: false })(rel));
  if (matching)
    lines.push(
      `The target already reads it (members pattern "${matching.pattern}"); its other files must not list these members again.`,
    );
  else
    lines.push(
      `To make it the desired state of ${target.name}, set in ${displayPath(config.file)} (instead of the files it replaces):`,
      '    members:',
      `      - ${rel}`,
    );
  if (format !== 'yaml' && format !== target.format)
    lines.push(`The target reads non-YAML files as "${target.format}": set \`format: ${format}\` on it too.`);
  lines.push(`Then \`rollcall plan${configFlag(config.file)} --target ${target.name}\` shows no changes.`);
  return lines;
}

/** The `$schema` of a YAML file in `dir`: the project's schemas/ when it has one, else rollcall's own. */
function schemaRef(config: Config, dir: string): string {
  const local = path.join(config.dir, 'schemas', 'members.schema.json');
  const schema = existsSync(local) ? local : PACKAGE_SCHEMA;
  const rel = path.relative(dir, schema);
  if (path.isAbsolute(rel)) return pathToFileURL(schema).href; // another drive
  return rel.split(path.sep).join('/');
}
