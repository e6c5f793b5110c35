import { createTwoFilesPatch } from 'diff';

/**
 * A unified diff (as `git diff` prints it) from the file as it is to the text import would write: the
 * platform's drift shown as a change to the files. A file that does not exist yet is `/dev/null`.
 */
export function importDiff(
  shown: string,
  previous: string | undefined,
  text: string,
  color: boolean,
): string {
  const patch = createTwoFilesPatch(
    previous === undefined ? '/dev/null' : `a/${shown}`,
    `b/${shown}`,
    previous ?? '',
    text,
    undefined,
    undefined,
    { context: 3 },
  );
  // The diff package starts with an `Index:` line and a `===` rule; git's format starts at `---`.
  const lines = patch.split('\n');
  const from = lines.findIndex((l) => l.startsWith('--- '));
  const body = lines.slice(from < 0 ? 0 : from);
  if (!color) return body.join('\n');
  return body
    .map((l) =>
      l.startsWith('+++') || l.startsWith('---')
        ? `\u001b[1m${l}\u001b[22m`
        : l.startsWith('+')
          ? `\u001b[32m${l}\u001b[39m`
          : l.startsWith('-')
            ? `\u001b[31m${l}\u001b[39m`
            : l.startsWith('@@')
              ? `\u001b[36m${l}\u001b[39m`
              : l,
    )
    .join('\n');
}
