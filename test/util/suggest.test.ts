import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../src/util/suggest.js';

describe('did you mean', () => {
  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('emial', 'email')).toBe(1);
    expect(editDistance('rolse', 'roles')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    // Insertions, deletions, substitutions as before.
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    // Optimal string alignment: a swapped pair is not edited again (CA → ABC is 3, not 2).
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('suggests the transposed word for short keys, where two edits would be too far', () => {
    expect(closest('emial', ['email', 'roles', 'state'])).toBe('email');
    expect(closest('rolse', ['email', 'roles', 'state'])).toBe('roles');
    expect(didYouMean('paln', ['plan', 'apply', 'validate'])).toBe('; did you mean "plan"?');
    expect(closest('zzzzz', ['email', 'roles'])).toBeUndefined();
  });
});
