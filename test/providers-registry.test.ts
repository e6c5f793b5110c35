import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_NAMES } from '../src/providers/names.js';
import { REGISTRY } from '../src/providers/registry.js';
import { ROOT } from './helpers/cli.js';

describe('provider registry', () => {
  it('lists exactly the provider folders, and names.ts agrees', () => {
    const dir = path.join(ROOT, 'src/providers');
    const folders = readdirSync(dir).filter((f) => statSync(path.join(dir, f)).isDirectory());
    expect(Object.keys(REGISTRY).sort()).toEqual(folders.sort());
    expect([...PROVIDER_NAMES].sort()).toEqual(folders.sort());
  });

  it('loads every registered provider module with a createProvider function', async () => {
    for (const load of Object.values(REGISTRY)) expect(typeof (await load()).createProvider).toBe('function');
  });
});
