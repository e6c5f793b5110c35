import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

/**
 * Every fenced shell command (```sh, ```bash, ```shell) of the README and of each example's README, run as
 * written, in order, in a fresh copy of the repository (its tracked and new files, the built lib/ and a link
 * to node_modules: what `npm ci` leaves), each checked for its exit code: 0, or N when the line says
 * `# exit N`. Two lines are not run: `npm ci`, whose effect the copy already has, and `npm test`, this
 * suite itself.
 */
const NOT_RUN: Record<string, string> = {
  'npm ci': 'the copy has node_modules and the built lib/',
  'npm test': 'the suite that runs this test',
};

/** Examples whose commands need a live platform tenant and its credentials. */
const LIVE: Record<string, string> = {
  'examples/github/README.md': 'a GitHub organization and a token',
};

const READMES = [
  'README.md',
  ...readdirSync(path.join(ROOT, 'examples'))
    .map((d) => `examples/${d}/README.md`)
    .filter((f) => existsSync(path.join(ROOT, f))),
];

interface ShellLine {
  line: number;
  text: string;
  expect: number;
}

/** The command lines of a Markdown text's shell blocks (comments and blank lines left out). */
function shellLines(markdown: string): ShellLine[] {
  const lines: ShellLine[] = [];
  let inShell = false;
  let inOther = false;
  markdown.split('\n').forEach((text, i) => {
    const fence = /^```(\S*)/.exec(text);
    if (fence) {
      if (inShell || inOther) inShell = inOther = false;
      else if (/^(sh|bash|shell)$/.test(fence[1]!)) inShell = true;
      else inOther = true;
      return;
    }
    if (!inShell || text.trim() === '' || text.trim().startsWith('#')) return;
    const exit = /#\s*exit (\d+)/.exec(text);
    lines.push({ line: i + 1, text, expect: exit ? Number(exit[1]) : 0 });
  });
  return lines;
}

function freshCopy(): string {
  const dir = tmpDir();
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter((f) => f && existsSync(path.join(ROOT, f)));
  for (const f of files) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    cpSync(path.join(ROOT, f), path.join(dir, f));
  }
  cpSync(path.join(ROOT, 'lib'), path.join(dir, 'lib'), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/** Runs the lines in one shell (so `cd` and `export` carry over), recording each line's exit code. */
function runLines(lines: ShellLine[], cwd: string) {
  const codes = path.join(cwd, '.readme-exit-codes');
  const script = lines
    .map((l) =>
      NOT_RUN[l.text.trim()] !== undefined
        ? `echo skipped >> "$CODES"`
        : `{\n${l.text}\n}; echo $? >> "$CODES"`,
    )
    .join('\n');
  writeFileSync(path.join(cwd, '.readme-script.sh'), script);
  const r = spawnSync('bash', ['-o', 'pipefail', '.readme-script.sh'], {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? cwd,
      CODES: codes,
      npm_config_offline: 'true', // nothing is fetched from a registry
      npm_config_update_notifier: 'false',
    },
  });
  const got = existsSync(codes) ? readFileSync(codes, 'utf8').trim().split('\n') : [];
  return { got, output: `${r.stdout}\n${r.stderr}` };
}

describe('every shell command of the READMEs works as written from a fresh clone', () => {
  it('finds the commands (a README without them would pass vacuously)', () => {
    const main = shellLines(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map((l) => l.text);
    expect(main.some((t) => t.includes('rollcall apply'))).toBe(true);
    expect(shellLines('```sh\nfalse # exit 1\n```\n```yaml\nx: 1\n```\n')).toEqual([
      { line: 2, text: 'false # exit 1', expect: 1 },
    ]);
  });

  for (const readme of READMES) {
    const lines = shellLines(readFileSync(path.join(ROOT, readme), 'utf8'));
    if (lines.length === 0) continue;
    const live = LIVE[readme];
    it.skipIf(live !== undefined)(
      `${readme}${live ? ` (needs ${live})` : ''}`,
      () => {
        const dir = freshCopy();
        const { got, output } = runLines(lines, dir);
        const failures = lines
          .map((l, i) => ({ ...l, got: got[i] }))
          .filter((l) => l.got !== 'skipped' && l.got !== String(l.expect))
          .map(
            (l) =>
              `${readme}:${l.line}: \`${l.text.trim()}\` exited ${l.got ?? '(not run)'}, expected ${l.expect}`,
          );
        expect(failures, output).toEqual([]);
      },
      300_000,
    );
  }
});
