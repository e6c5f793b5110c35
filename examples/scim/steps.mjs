// The steps of the offline examples (scim, anaplan): each `rollcall` command run in turn against the
// local service, stopped at the first that does not exit as it should.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../bin/rollcall.js');

/** Runs the steps; resolves 0 when each exited as expected, else the first wrong exit code (or 1). */
export async function runSteps(steps, env) {
  for (const step of steps) {
    console.log(`\n$ rollcall ${step.args.join(' ')}`);
    // spawn, not spawnSync: the service runs in this process and must keep answering.
    const r = await run(process.execPath, [bin, ...step.args], env);
    if (r !== step.expect) {
      console.error(`rollcall ${step.args[0]} exited ${r}, expected ${step.expect}`);
      return r || 1;
    }
  }
  return 0;
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: 'inherit' });
    child.on('close', (status) => resolve(status ?? 1));
  });
}
