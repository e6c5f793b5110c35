import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Command, Option } from 'commander';
import picomatch from 'picomatch';
import { type Config, displayPath, loadConfig, type Target } from '../config/load.js';
import { FORMATS, type Format } from '../config/schema.js';
import { render, writerFor } from '../desired/writers/index.js';
import { checkRoundTrip } from '../desired/writers/verify.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import { ConfigError, ValidationError } from '../model/errors.js';
import type { ActualState } from '../model/member.js';
import { keyMatcher } from '../plan/rules.js';
import { createProvider } from '../providers/registry.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { type CommonOptions, pathArgument, withCommonOptions } from './options.js';
import type { Output } from './output.js';

export interface ImportCommandOptions extends CommonOptions {
  format?: Format;
  out?: string;
  force?: boolean;
}

/** The members JSON Schema shipped with rollcall (lib/cli and src/cli are both two levels down). */
const PACKAGE_SCHEMA = fileURLToPath(new URL('../../schemas/members.schema.json', import.meta.url));
/** Lines of differences or load errors shown before "and N more". */
const SHOWN = 10;

/**
 * `rollcall import`: writes one target's actual state as a desired-state file that rollcall's own loader
 * reads back to exactly that state, so that a plan right after has no changes. The text is read back and
 * planned before anything is written; a file that would not load is not written.
 */
export async function importCommand(opts: ImportCommandOptions, io: Output): Promise<number> {
  if (opts.target.length !== 1)
    throw new ConfigError(
      `import needs exactly one --target NAME (got ${opts.target.length === 0 ? 'none' : opts.target.join(', ')})`,
    );
  const config = await loadConfig(opts.config, { targets: opts.target });
  for (const w of config.warnings) io.err(`${formatDiagnostic(w)}\n`);
  const target = config.targets[0]!;
  const format = opts.format ?? target.format;
  const writer = writerFor(format);
  if (typeof writer === 'string') throw new ConfigError(writer);

  const file = path.resolve(opts.out ?? '.', `${target.name}${writer.extension}`);
  const shown = displayPath(file);
  if (existsSync(file)) {
    if (statSync(file).isDirectory()) throw new ConfigError(`${shown} is a directory`);
    if (!opts.force) throw new ConfigError(`${shown} already exists; use --force to overwrite it`);
  }

  const provider = await createProvider(target, config);
  const read = await provider.read();
  const isIgnored = keyMatcher(target.policy.ignore);
  const actual: ActualState = { ...read, members: read.members.filter((m) => !isIgnored(m.key)) };
  const ignored = read.members.length - actual.members.length;
  if (!io.isTTY) io.err(`${target.name}: ${plural(read.members.length, 'member')} on the platform\n`);

  const text = render(writer, actual, { target: target.name, schema: schemaRef(config, path.dirname(file)) });
  const check = await checkRoundTrip(text, writer, target, provider.capabilities, actual, shown);
  if (check.errors.length > 0)
    throw new ValidationError(
      `${shown}: rollcall could not read back what import would write (${plural(check.errors.length, 'problem')}); nothing written`,
      check.errors.slice(0, SHOWN),
    );
  await writeFileAtomic(file, text);

  const written = writer.writesStates
    ? actual
    : { ...actual, members: actual.members.filter((m) => m.status === 'active' || m.status === 'invited') };
  io.out(`${target.name}: wrote ${summary(written)} to ${shown}\n`);
  if (ignored > 0) io.out(`${target.name}: left out ${plural(ignored, 'member')} matching policy.ignore\n`);
  const offboarded = actual.members.length - written.members.length;
  if (offboarded > 0)
    io.out(
      `${target.name}: left out ${plural(offboarded, 'removed or pseudonymized member')}: a ${format} file has no state (--format yaml keeps them)\n`,
    );
  io.out(hint(config, target, file, format));
  if (check.differences.length > 0) {
    const n = check.differences.length;
    io.err(
      `warning: a plan against ${shown} would still show ${plural(n, 'change')}: the target's defaults and role catalog apply to the file too${writer.writesStates ? '' : ", and the members it leaves out are subject to the target's policy.prune"}\n`,
    );
    for (const d of check.differences.slice(0, SHOWN)) io.err(`  ${d}\n`);
    if (n > SHOWN) io.err(`  … and ${n - SHOWN} more\n`);
  }
  return 0;
}

function summary(state: ActualState): string {
  const count = { invited: 0, active: 0, removed: 0, pseudonymized: 0 };
  for (const m of state.members) count[m.status]++;
  const parts = (['invited', 'removed', 'pseudonymized'] as const)
    .filter((s) => count[s] > 0)
    .map((s) => `${count[s]} ${s}`);
  return plural(state.members.length, 'member') + (parts.length ? ` (${parts.join(', ')})` : '');
}

/** How the target's `members` should name the file, and whether it already does. */
function hint(config: Config, target: Target, file: string, format: Format): string {
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
  lines.push(`Then \`rollcall plan --target ${target.name}\` shows no changes.`);
  return `${lines.join('\n')}\n`;
}

/** The `$schema` of a YAML file in `dir`: the project's schemas/ when it has one, else rollcall's own. */
function schemaRef(config: Config, dir: string): string {
  const local = path.join(config.dir, 'schemas', 'members.schema.json');
  const schema = existsSync(local) ? local : PACKAGE_SCHEMA;
  const rel = path.relative(dir, schema);
  if (path.isAbsolute(rel)) return pathToFileURL(schema).href; // another drive
  return rel.split(path.sep).join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function registerImport(
  program: Command,
  io: Output,
  done: (code: number | Promise<number>) => void,
): void {
  withCommonOptions(program.command('import'))
    .description("write a target's actual state as desired-state files; a plan right after is empty")
    .addOption(
      new Option('--format <format>', "format to write (default: the target's format)").choices(FORMATS),
    )
    .option('--out <dir>', 'directory to write <target>.yaml or <target>.csv in', pathArgument, '.')
    .option('--force', 'overwrite the file if it exists')
    .action((opts: ImportCommandOptions) => done(importCommand(opts, io)));
}
