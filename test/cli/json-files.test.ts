import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, STACK_LINE } from '../helpers/cli.js';
import { LOCAL_CONFIG, ONE_MEMBER } from '../helpers/local-project.js';
import { tmpDir } from '../helpers/tmp.js';

/** Broken JSON in the local state file and in saved plans: located one-line errors, exit 1. */

function run(args: string[], files: Record<string, string>) {
  const dir = tmpDir({ 'rollcall.yaml': LOCAL_CONFIG, 'members.yaml': ONE_MEMBER, ...files });
  const r = runCli(args, { cwd: dir });
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toMatch(/internal error/);
  return { ...r, dir };
}

describe('the local state file', () => {
  it('truncated JSON: where and why JSON stopped, not three YAML errors', () => {
    const r = run(['plan'], { 'state.json': '{\n  "members": [\n    { "key": "ada@acme.com"' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^state\.json:3:28: not valid JSON \(Expected ',' or '\}' after property value\)$/m,
    );
    expect(r.stderr).not.toMatch(/invalid YAML/);
  });

  it('a "__proto__" key: located, not an unlocated "invalid state file"', () => {
    const r = run(['plan'], { 'state.json': '{\n  "__proto__": { "members": [] }\n}\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^state\.json:2:3: key "__proto__" is not allowed$/m);
  });
});

describe('a saved plan', () => {
  it('truncated: located', () => {
    const r = run(['apply', 'plan.json'], { 'plan.json': '{\n  "formatVersion": 1,\n  "targ' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^rollcall: plan\.json:3:8: not valid JSON \(Unterminated string\)$/m);
  });

  it('YAML instead of JSON: one line, without the text V8 quotes (line breaks included)', () => {
    const r = run(['apply', 'plan.json'], { 'plan.json': 'formatVersion: 1\ntargets: []\n' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      "rollcall: plan.json: not valid JSON (Unexpected token 'o')",
    );
  });

  it('a field of the wrong type: located at its line', () => {
    const { dir } = run(['plan', '--out', 'plan.json'], { 'state.json': '{ "members": [] }' });
    const file = path.join(dir, 'plan.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"held": false', '"held": "no"'));
    const r = runCli(['apply', 'plan.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^plan\.json:\d+:\d+: targets\.0\.held: Invalid input: expected boolean/m);
    expect(r.stderr).toMatch(/^rollcall: plan\.json: not a valid rollcall plan \(1 problem\)$/m);
  });
});
