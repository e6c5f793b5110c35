import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { LOCAL_CONFIG, ONE_MEMBER } from '../helpers/local-project.js';
import { expectRefused } from '../helpers/refused.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * Bad inputs that only `plan` or `apply` read (state files, saved plans): each fixture under
 * test/fixtures/errors is copied to a fresh folder and run there through the real CLI. Each must give a
 * located one-line error, exit 1, no stack trace, and leave every file as it was (no journal, no lock).
 */
const HOSTILE: [name: string, args: string[], expected: RegExp][] = [
  [
    'yaml-undefined-alias',
    ['validate'],
    /^members\.yaml:3:12: YAML alias "\*admins" refers to no anchor: "&admins" must be set before the alias$/,
  ],
  [
    'yaml-alias-before-anchor',
    ['validate'],
    /^members\.yaml:3:12: YAML alias "\*admins" refers to no anchor/,
  ],
  ['config-undefined-alias', ['validate'], /^rollcall\.yaml:5:14: YAML alias "\*files" refers to no anchor/],
  ['config-undefined-alias', ['plan'], /^rollcall\.yaml:5:14: YAML alias "\*files" refers to no anchor/],
  [
    'deepomatic-xlsx-damaged-xml',
    ['validate'],
    /^members\.xlsx:1:1: damaged \.xlsx workbook: a part of it is not well-formed XML; save it again/,
  ],
  [
    'deepomatic-xlsx-corrupt-deflate',
    ['validate'],
    /^members\.xlsx:1:1: damaged \.xlsx workbook: its compressed content is corrupt; save it again/,
  ],
  [
    'deepomatic-xlsx-truncated',
    ['validate'],
    /^members\.xlsx:1:1: not a readable \.xlsx workbook: not a ZIP archive/,
  ],
  ['deepomatic-xlsx-corrupt-deflate', ['plan'], /^members\.xlsx:1:1: damaged \.xlsx workbook/],
  [
    'state-json-duplicate-members',
    ['plan'],
    /^state\.json:7:3: invalid JSON: key "members" appears twice in one object; keys must be unique$/,
  ],
  [
    'state-json-duplicate-members',
    ['apply', '--auto-approve'],
    /^state\.json:7:3: invalid JSON: key "members" appears twice in one object; keys must be unique$/,
  ],
  [
    'state-json-duplicate-field',
    ['apply', '--auto-approve'],
    /^state\.json:5:65: invalid JSON: key "roles" appears twice/,
  ],
  [
    'state-json-duplicate-escaped-key',
    ['plan'],
    /^state\.json:1:113: invalid JSON: key "email" appears twice/,
  ],
];

describe('hostile state files and saved plans: located, exit 1, nothing written', () => {
  it.each(HOSTILE)('%s (%s)', (name, args, expected) => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'test/fixtures/errors', name), dir, { recursive: true });
    expectRefused(dir, args, expected);
  });
});

describe('a saved plan with a key twice is refused, located, before anything is applied', () => {
  it.each([
    [
      '"name": "t",',
      '"name": "other", "name": "t",',
      /^(rollcall: )?plan\.json:8:24: invalid JSON: key "name" appears twice/,
    ],
    [
      '"held": false,',
      '"held": true, "held": false,',
      /^(rollcall: )?plan\.json:12:21: invalid JSON: key "held" appears twice/,
    ],
    [
      '"formatVersion": 1,',
      '"formatVersion": 1,\n  "formatVersion": 1,',
      /^(rollcall: )?plan\.json:3:3: invalid JSON: key "formatVersion"/,
    ],
  ])('%s', (from, to, expected) => {
    const dir = tmpDir({
      'rollcall.yaml': LOCAL_CONFIG,
      'members.yaml': ONE_MEMBER,
      'state.json': '{"members": []}\n',
    });
    expect(runCli(['plan', '--out', 'plan.json'], { cwd: dir }).code).toBe(0);
    const plan = readFileSync(path.join(dir, 'plan.json'), 'utf8');
    expect(plan).toContain(from);
    writeFileSync(path.join(dir, 'plan.json'), plan.replace(from, to));
    expectRefused(dir, ['apply', 'plan.json'], expected);
  });
});
