import { loadConfig } from '../config/load.js';
import { loadDesiredState } from '../desired/index.js';
import { type Diagnostic, Diagnostics } from '../model/diagnostic.js';
import { checkConnection } from '../providers/connection-check.js';

export interface ValidateOptions {
  targets?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
}

export interface TargetValidation {
  name: string;
  members: number;
  files: number;
  errors: number;
}

export interface ValidateOutcome {
  /** Every problem of the configuration and the desired-state files, errors and warnings, in order. */
  diagnostics: Diagnostic[];
  targets: TargetValidation[];
  errorCount: number;
}

/**
 * `rollcall validate` as a library call: loads the configuration, checks each selected target's
 * connection settings as its provider would (offline: nothing is read, no secret is needed), and loads
 * its desired state, collecting every problem instead of stopping at the first file. A configuration that cannot be
 * loaded throws ConfigError, as for every command.
 */
export async function validateRun(
  configFile: string,
  options: ValidateOptions = {},
): Promise<ValidateOutcome> {
  // No secrets needed: a variable that is not set is a warning (validate runs on laptops and forks' PRs).
  const config = await loadConfig(configFile, {
    targets: options.targets,
    env: options.env,
    unsetEnvIsWarning: true,
  });
  const diags = new Diagnostics();
  diags.items.push(...config.warnings);
  const targets: TargetValidation[] = [];
  for (const target of config.targets) {
    const before = diags.errorCount;
    await checkConnection(target, config, diags);
    const state = await loadDesiredState(target, config, diags);
    targets.push({
      name: target.name,
      members: state.members.size,
      files: state.files.length,
      errors: diags.errorCount - before,
    });
  }
  return { diagnostics: diags.items, targets, errorCount: diags.errorCount };
}
