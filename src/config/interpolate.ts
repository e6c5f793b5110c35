import { registerSecret } from '../util/secrets.js';

const REF = /\$\{env:([^}]*)\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface InterpolationProblem {
  path: (string | number)[];
  message: string;
  /** A variable that is not set (not a mistake in the file): `validate` warns, since it runs without secrets. */
  unset?: string;
}

/**
 * Replaces `${env:NAME}` in every string of `value` with the variable's value. Values are registered as
 * secrets so that no output can show them; problems name the variable, never a value.
 */
export function interpolateEnv(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  problems: InterpolationProblem[],
  path: (string | number)[] = [],
): unknown {
  if (typeof value === 'string') {
    if (value.replace(REF, '').includes('${env:'))
      problems.push({ path, message: 'unterminated variable reference: "${env:" without its closing "}"' });
    return value.replace(REF, (_, name: string) => {
      if (!NAME.test(name)) {
        problems.push({ path, message: `invalid variable reference \${env:${name}}` });
        return '';
      }
      const v = env[name];
      if (v === undefined || v === '') {
        problems.push({ path, message: `environment variable ${name} is not set`, unset: name });
        return '';
      }
      registerSecret(v);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, problems, [...path, i]));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, problems, [...path, k]);
    return out;
  }
  return value;
}
