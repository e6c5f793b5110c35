import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { runCli, STACK_LINE } from './cli.js';

/** Every file under a folder, with its content (bytes as latin1). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs the real CLI in `dir` and expects a refusal: exit 1, a line matching `expected`, no stack trace,
 * bounded output, and every file in `dir` as it was (no journal, no lock, nothing half-written).
 */
export function expectRefused(dir: string, args: string[], expected: RegExp): void {
  const before = snapshot(dir);
  const r = runCli(args, { cwd: dir });
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(
    lines.some((l) => expected.test(l)),
    r.stderr,
  ).toBe(true);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stdout).not.toMatch(STACK_LINE);
  expect(r.stderr.length + r.stdout.length).toBeLessThan(20_000);
  expect(snapshot(dir)).toEqual(before);
}
