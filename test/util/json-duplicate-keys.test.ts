import { describe, expect, it } from 'vitest';
import { findDuplicateKey, lineColumn } from '../../src/util/json-duplicate-keys.js';

describe('findDuplicateKey', () => {
  it.each([
    ['{"a": 1, "a": 2}', { key: 'a', line: 1, column: 10 }],
    ['{"a": {"b": 1}, "c": {"b": 2, "b": 3}}', { key: 'b', line: 1, column: 31 }],
    ['[{"a": 1}, {"a": 1, "x": [1, {"a": 2}], "a": 3}]', { key: 'a', line: 1, column: 41 }],
    ['{"a\\"b": 1, "a\\"b": 2}', { key: 'a"b', line: 1, column: 13 }],
    ['{"\\u0061": 1, "a": 2}', { key: 'a', line: 1, column: 15 }],
    ['{"a\\\\": 1, "a\\\\": 2}', { key: 'a\\', line: 1, column: 12 }],
    ['{\n  "members": [],\n  "members": []\n}', { key: 'members', line: 3, column: 3 }],
    ['\ufeff{"a": 1, "a": 2}', { key: 'a', line: 1, column: 11 }],
  ])('%s', (text, found) => {
    JSON.parse(text.replace(/^\ufeff/, '')); // the pass runs on text JSON.parse took
    expect(findDuplicateKey(text)).toEqual(found);
  });

  it.each([
    '{"a": 1, "b": {"a": 1}}',
    '{"a": "\\"a\\": 1, ", "b": "a"}', // a key's text inside a string value is not a key
    '{"a": ["a", "a"], "b": [{"a": 1}, {"a": 1}]}',
    '{"a\\\\": 1, "a": 2}',
    '{"A": 1, "a": 2}',
    '[]',
    '"a"',
    '{}',
    '{"": 1, " ": 2}',
  ])('no duplicate in %s', (text) => {
    JSON.parse(text);
    expect(findDuplicateKey(text)).toBeUndefined();
  });

  it('a duplicate at the end of a long file is found (one pass over 200,000 members)', () => {
    const members = Array.from(
      { length: 200_000 },
      (_, i) => `{"key": "u${i}@acme.com", "status": "active"}`,
    );
    const text = `{"members": [\n${members.join(',\n')}\n], "seats": {}, "members": []}`;
    expect(findDuplicateKey(text)).toEqual({ key: 'members', line: 200_002, column: 17 });
  });

  it('lineColumn', () => {
    expect(lineColumn('ab\ncd\n', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\n', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\n', 6)).toEqual({ line: 3, column: 1 });
  });
});
