import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS, FORMATS } from '../src/formats/index.js';
import { PROVIDER_NAMES, REGISTRY } from '../src/providers/registry.js';
import { ROOT } from './helpers/cli.js';

function subfolders(rel: string): string[] {
  const dir = path.join(ROOT, rel);
  return readdirSync(dir)
    .filter((f) => statSync(path.join(dir, f)).isDirectory())
    .sort();
}

describe('provider registry', () => {
  it('lists exactly the provider folders, and the configuration accepts exactly those names', () => {
    const folders = subfolders('src/providers');
    expect(Object.keys(REGISTRY).sort()).toEqual(folders);
    expect([...PROVIDER_NAMES].sort()).toEqual(folders);
  });

  it("declares each platform's dialect where the platform has one, and every dialect has its folder", () => {
    expect(Object.keys(DIALECTS).sort()).toEqual([...FORMATS].sort());
    expect(subfolders('src/formats').filter((f) => f !== 'table')).toEqual([...FORMATS].sort());
    for (const [name, { profile }] of Object.entries(REGISTRY))
      if (profile.dialect) expect(DIALECTS[profile.dialect].name, name).toBe(profile.dialect);
  });

  it('loads every registered provider module with a createProvider function', async () => {
    for (const { load } of Object.values(REGISTRY)) {
      const mod = await load();
      expect(typeof mod.createProvider).toBe('function');
      expect(typeof mod.connection.settings).toBe('function');
    }
  });
});
