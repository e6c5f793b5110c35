import { type Config, loadConfig, type Target } from '../config/load.js';
import { loadDesiredState } from '../desired/index.js';
import { dayOf } from '../model/day.js';
import { type Diagnostic, Diagnostics } from '../model/diagnostic.js';
import { ValidationError } from '../model/errors.js';
import type { DesiredState } from '../model/member.js';
import type { Plan, TargetPlan } from '../model/plan.js';
import { actualDigest, desiredDigest } from '../plan/digest.js';
import { attributePeople } from '../plan/people.js';
import { assemblePlan, planTarget } from '../plan/plan.js';
import { createProvider } from '../providers/registry.js';
import type { Provider, ProviderContext } from '../providers/types.js';
import { plural } from '../util/plural.js';

export interface PlanOptions {
  targets?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => Date;
  /** Plan as of this day (YYYY-MM-DD, `plan --at`) instead of today. */
  at?: string;
  signal?: AbortSignal;
  /** Plain progress lines ("acme-3dx: 12 desired members"). */
  log?: (line: string) => void;
  /** Where providers come from (default: the registry); embedders and tests bring their own. */
  createProvider?: (target: Target, config: Config, context: ProviderContext) => Provider | Promise<Provider>;
}

export interface LoadedTarget {
  target: Target;
  desired: DesiredState;
  provider: Provider;
}

export interface PlanRun {
  config: Config;
  plan: Plan;
  targets: LoadedTarget[];
  warnings: Diagnostic[];
}

/** Loads config and every selected target's desired state; throws ValidationError with every problem. */
export async function loadTargets(
  configFile: string,
  options: PlanOptions = {},
): Promise<{ config: Config; targets: LoadedTarget[]; warnings: Diagnostic[] }> {
  const config = await loadConfig(configFile, { targets: options.targets, env: options.env });
  const diags = new Diagnostics();
  diags.items.push(...config.warnings);
  const targets: LoadedTarget[] = [];
  for (const target of config.targets) {
    const desired = await loadDesiredState(target, config, diags);
    options.log?.(
      `${target.name}: ${plural(desired.members.size, 'desired member')} in ${plural(desired.files.length, 'file')}`,
    );
    const make = options.createProvider ?? createProvider;
    targets.push({
      target,
      desired,
      provider: await make(target, config, { log: options.log ?? (() => {}) }),
    });
  }
  if (diags.hasErrors) {
    const n = diags.errorCount;
    throw new ValidationError(`${n} problem${n === 1 ? '' : 's'} in the desired state`, diags.items);
  }
  return { config, targets, warnings: diags.items };
}

/** Reads a target's actual state and plans it (the pure planner does the work). */
export async function planLoadedTarget(t: LoadedTarget, options: PlanOptions = {}): Promise<TargetPlan> {
  const actual = await t.provider.read(options.signal);
  options.log?.(`${t.target.name}: ${plural(actual.members.length, 'member')} on the platform`);
  const matched = t.provider.reconcile
    ? await t.provider.reconcile(t.desired.members, actual, options.signal)
    : undefined;
  const plan = planTarget({
    name: t.target.name,
    provider: t.target.provider,
    policy: t.target.policy,
    capabilities: t.provider.capabilities,
    desired: matched?.desired ?? t.desired.members,
    actual: matched?.actual ?? actual,
    inviteQuota: actual.inviteQuota,
    today: asOfDay(options),
    approvals: t.target.approvals,
    costs: t.target.costs,
  });
  // A saved plan is checked against what the provider reads, not against the provider's planning view.
  if (matched?.actual) plan.actualDigest = actualDigest(actual);
  // Likewise the files' state, as a saved plan's check computes it, before the provider matched the keys.
  if (matched) plan.desiredDigest = desiredDigest(t.desired.members);
  attributePeople(plan, (matched?.desired ?? t.desired.members).values());
  if (matched && matched.notices.length > 0) plan.notices = [...matched.notices, ...(plan.notices ?? [])];
  return plan;
}

/** `rollcall plan` as a library call: files and platforms in, a Plan out. */
export async function makePlan(configFile: string, options: PlanOptions = {}): Promise<PlanRun> {
  const loaded = await loadTargets(configFile, options);
  return { ...loaded, plan: await planLoadedTargets(loaded.targets, options) };
}

/** Reads and plans every loaded target, one after the other, into one Plan. */
export async function planLoadedTargets(
  targets: readonly LoadedTarget[],
  options: PlanOptions = {},
): Promise<Plan> {
  const plans: TargetPlan[] = [];
  for (const t of targets) plans.push(await planLoadedTarget(t, options));
  return assemblePlan(plans, (options.now ?? (() => new Date()))(), asOfDay(options));
}

/** The day a plan is made for: `--at`, else today (UTC). */
export function asOfDay(options: PlanOptions): string {
  return options.at ?? dayOf((options.now ?? (() => new Date()))());
}
