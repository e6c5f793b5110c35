// Shared by the benchmarks that plan against the local provider's state file (plan-1m.js, growth.js,
// yaml-1m.js): read the state, then plan the desired members against it (prune on), each part timed.
export const seconds = (t) => Number(process.hrtime.bigint() - t) / 1e9;

/**
 * `lib`: the compiled library to use, as a module specifier (`../lib`, or a file URL of another build that
 * a benchmark compares). Modules are imported before
 * the clock starts. Returns the target's plan, the whole plan, the actual members' count and the seconds
 * of the read and of the planning (planTarget + assemblePlan: diff, rules, digests).
 */
export async function readAndPlan(target, desired, stateFile, lib = '../lib') {
  const url = (rel) => `${lib}/${rel}`;
  const { assemblePlan, planTarget } = await import(url('plan/plan.js'));
  const { LOCAL_CAPABILITIES } = await import(url('providers/local/index.js'));
  const { readStateFile } = await import(url('providers/local/state-file.js'));
  let t = process.hrtime.bigint();
  const actual = await readStateFile(stateFile, 'state.json');
  const read = seconds(t);
  t = process.hrtime.bigint();
  const targetPlan = planTarget({
    name: target.name,
    provider: target.provider,
    policy: { ...target.policy, prune: true },
    capabilities: LOCAL_CAPABILITIES,
    desired: desired.members,
    actual,
  });
  const plan = assemblePlan([targetPlan], new Date());
  return { targetPlan, plan, actualMembers: actual.members.length, read, planning: seconds(t) };
}
