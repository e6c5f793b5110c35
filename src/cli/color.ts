/**
 * Whether output is colored (clig.dev, no-color.org, force-color.org), first rule that speaks wins:
 * `--no-color` on the command line; `NO_COLOR` set and not empty; `FORCE_COLOR` set (`0` or `false`: no
 * color, anything else: color, even off a terminal); `TERM=dumb`; otherwise only when the stream is a
 * terminal.
 */
export function colorEnabled(
  isTTY: boolean,
  env: Readonly<Record<string, string | undefined>> = process.env,
  argv: readonly string[] = process.argv.slice(2),
): boolean {
  if (argv.includes('--no-color')) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  if (env.TERM === 'dumb') return false;
  return isTTY;
}
