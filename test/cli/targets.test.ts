import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('rollcall targets', () => {
  it('lists the targets, as text or JSON, without the credentials their connections name', () => {
    const text = runCli(['targets', '-c', 'examples/scim/rollcall.yaml']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('acme-scim  scim  members/*.yaml\n');
    const json = runCli(['targets', '-c', 'examples/quickstart/rollcall.yaml', '--json']);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        name: 'acme-3dx',
        provider: 'local',
        format: '3dexperience',
        members: ['members/*.csv', 'members/*.yaml'],
      },
    ]);
  });

  it('an unknown --target suggests the closest name, transpositions counted', () => {
    const r = runCli(['plan', '-c', 'examples/quickstart/rollcall.yaml', '--target', 'acme-3xd']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown target "acme-3xd"; did you mean "acme-3dx"?');
  });
});
