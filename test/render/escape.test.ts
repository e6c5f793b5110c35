import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, truncate } from '../../src/render/escape-markdown.js';
import { maskEmails } from '../../src/render/redact-emails.js';
import { seatBar } from '../../src/render/seat-bar.js';
import { quote, terminalSafe } from '../../src/render/terminal-safe.js';
import { cellSeparators, visible } from './markdown-helpers.js';

const ZWJ = '\u200d';

/** Strings rich in the characters that matter to Markdown, HTML and GitHub. */
const hostile = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<',
        '>',
        '&',
        '@',
        '#',
        '1',
        '|',
        '*',
        '_',
        '`',
        '~',
        '$',
        '[',
        ']',
        '(',
        ')',
        '\\',
        '!',
        ':',
        '/',
        '.',
        'www',
        'WWW',
        'http',
        'https',
        '://',
        '\n',
        '\r',
        '\t',
        '\u2028',
        '\u001b',
        '\u202e',
        ' ',
        'a',
        'é',
        '😀',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('escapeMarkdown', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['@everyone', `@${ZWJ}everyone`],
    ['ada@acme.com', `ada@${ZWJ}acme.com`],
    ['[x](http://evil)', `\\[x\\]\\(http:${ZWJ}//evil\\)`],
    ['a | b', 'a \\| b'],
    ['**bold** _it_ ~~s~~ `c` $x$', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~s\\~\\~ \\`c\\` \\$x\\$'],
    ['line one\nline two\r\nthree', 'line one↵line two↵three'],
    ['WWW.evil.example', `WWW${ZWJ}.evil.example`],
    ['fix #12 and # and #x', `fix \\#${ZWJ}12 and \\# and \\#x`],
    ['a\\b', 'a\\\\b'],
    ['&#64;everyone', `&amp;\\#${ZWJ}64;everyone`],
    ['\u001b[31mred\u202e', '\\[31mred'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('never lets HTML, mentions, links, line breaks or cell separators through', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeMarkdown(s);
        expect(out).not.toMatch(/[<>\n\r\u2028\u2029\u001b\u202e]/);
        expect(out).not.toMatch(/@(?!\u200d)/);
        expect(out).not.toMatch(/:\/\//);
        expect(out).not.toMatch(/www\./i);
        expect(out).not.toMatch(/#\d/);
        expect(out).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(cellSeparators(out)).toBe(0);
        for (const m of out.matchAll(/[*_`~$[\]()]/g)) expect(out[m.index - 1]).toBe('\\');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the visible text otherwise unchanged', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\p{L}\p{N} .,;'"!?*_[\]()|~$@#:/-]*$/u), (s) => {
        const seen = visible(escapeMarkdown(s))
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&');
        expect(seen).toBe(s);
      }),
    );
  });
});

describe('truncate', () => {
  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });
});

describe('maskEmails', () => {
  it.each([
    ['ada@acme.com', 'a•••@acme.com'],
    ['Contact ada.lovelace+x@mail.acme.co.uk.', 'Contact a•••@mail.acme.co.uk.'],
    ['mallory|x@evil.example', 'm•••@evil.example'],
    ['a@b, bob@localhost and @everyone', 'a•••@b, b•••@localhost and @everyone'],
    ['élodie@acme.fr', 'é•••@acme.fr'],
    ['no address here', 'no address here'],
    ['x@y@z.com', 'x•••@y@z.com'],
  ])('%j → %j', (input, expected) => {
    expect(maskEmails(input)).toBe(expected);
  });

  it('leaves no local part of more than one character before an @', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 5 })), { maxLength: 8 }),
        (parts) => {
          const out = maskEmails(parts.join(' '));
          for (const m of out.matchAll(/[\p{L}\p{N}._%+-]{2,}@[\p{L}\p{N}]/gu))
            throw new Error(`unmasked ${m[0]}`);
          expect(maskEmails(out)).toBe(out);
        },
      ),
    );
  });

  it('takes linear time on long input without addresses', () => {
    const long = 'a'.repeat(200_000) + '@' + ' @'.repeat(100_000);
    const started = performance.now();
    maskEmails(long);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('terminalSafe', () => {
  it('shows control characters and bidi overrides as escapes', () => {
    expect(terminalSafe('a\u001b[2Jb\rc\u202ed')).toBe('a\\u001b[2Jb\\rc\\u202ed');
    expect(quote('EU1')).toBe('"EU1"');
    expect(quote('a\nb\u0085')).toBe('"a\\nb\\u0085"');
  });
});

describe('seatBar', () => {
  it.each([
    [0, 200, '▱▱▱▱▱▱▱▱▱▱'],
    [1, 200, '▰▱▱▱▱▱▱▱▱▱'],
    [100, 200, '▰▰▰▰▰▱▱▱▱▱'],
    [199, 200, '▰▰▰▰▰▰▰▰▰▱'],
    [200, 200, '▰▰▰▰▰▰▰▰▰▰'],
    [260, 200, '▰▰▰▰▰▰▰▰▰▰'],
    [0, 0, '▱▱▱▱▱▱▱▱▱▱'],
    [3, 0, '▰▰▰▰▰▰▰▰▰▰'],
  ])('%i of %i → %s', (used, total, bar) => {
    expect(seatBar(used, total)).toBe(bar);
  });
});
