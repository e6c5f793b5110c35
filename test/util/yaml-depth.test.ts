import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/model/diagnostic.js';
import { MAX_YAML_NESTING, tooDeepAt } from '../../src/util/yaml-depth.js';
import { YamlSource } from '../../src/util/yaml-source.js';

const open = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('YAML nesting limit (the same answer on every Node version)', () => {
  it('takes nesting up to the limit, refuses one more at the opening bracket', () => {
    expect(tooDeepAt(`a: ${open(MAX_YAML_NESTING)}\n`)).toBeUndefined();
    expect(tooDeepAt(`a: ${open(MAX_YAML_NESTING + 1)}\n`)).toBe(3 + MAX_YAML_NESTING);
    expect(tooDeepAt(`a:\n  b: ${'{x: '.repeat(MAX_YAML_NESTING + 1)}`)).toBe(8 + 4 * MAX_YAML_NESTING);
  });

  it('counts compact sequences ("- - -") and flow collections together', () => {
    expect(tooDeepAt(`${'- '.repeat(60)}${open(40)}\n`)).toBeUndefined();
    expect(tooDeepAt(`${'- '.repeat(60)}${open(41)}\n`)).toBe(120 + 40);
    expect(tooDeepAt(`${'- '.repeat(MAX_YAML_NESTING + 1)}x\n`)).toBe(2 * MAX_YAML_NESTING);
  });

  it('does not count brackets in quoted scalars, comments or block scalars', () => {
    const many = '['.repeat(500);
    expect(tooDeepAt(`a: "${many}"\nb: '${many}'\nc: x # ${many}\n`)).toBeUndefined();
    expect(
      tooDeepAt(`a: |\n  ${many}\n  ${many}\nb: >-\n    ${many}\n\n    ${many}\nc: 1\n`),
    ).toBeUndefined();
    expect(tooDeepAt(`a: "it's \\" ${many}"\nb: 'it''s ${many}'\n`)).toBeUndefined();
    // after a block scalar ends, counting goes on
    expect(tooDeepAt(`a: |\n  ${many}\nb: ${open(MAX_YAML_NESTING + 1)}\n`)).toBeDefined();
  });

  it('a plain scalar with an apostrophe is not a quote', () => {
    expect(tooDeepAt(`a: O'Brien ${open(MAX_YAML_NESTING + 1)}\n`)).toBe(11 + MAX_YAML_NESTING);
  });

  it('the parser reports it located, for any depth beyond the limit', () => {
    for (const depth of [101, 1000, 5000, 20000]) {
      const diags = new Diagnostics();
      expect(YamlSource.parse('m.yaml', `members: ${open(depth)}\n`, diags)).toBeUndefined();
      expect(diags.items.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
        `1:110 invalid YAML: nested too deeply (more than ${MAX_YAML_NESTING} lists or maps inside each other)`,
      ]);
    }
  });
});
