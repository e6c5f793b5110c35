import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/** One operation of GitHub's OpenAPI description, as scripts/extract-github-openapi.js keeps it. */
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { required: boolean; schema: Record<string, unknown> };
}

const SUBSET = JSON.parse(
  readFileSync(new URL('./fixtures/openapi-subset.json', import.meta.url), 'utf8'),
) as { operations: Operation[] };

const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });

interface Compiled {
  op: Operation;
  pattern: RegExp;
  names: string[];
  body?: ReturnType<Ajv['compile']>;
  params: Map<string, ReturnType<Ajv['compile']>>;
}

const COMPILED: Compiled[] = SUBSET.operations.map((op) => {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${op.path.replace(/\{(\w+)\}/g, (_, n: string) => {
      names.push(n);
      return '([^/]+)';
    })}$`,
  );
  const params = new Map(op.parameters.map((p) => [`${p.in}:${p.name}`, ajv.compile(p.schema)]));
  const c: Compiled = { op, pattern, names, params };
  if (op.requestBody) c.body = ajv.compile(op.requestBody.schema);
  return c;
});

/** A parameter value as its schema types it (query strings are text on the wire). */
function typed(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' || schema.type === 'number')
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/**
 * Checks one request against GitHub's published description: a known operation, every path and query
 * parameter known and valid, the JSON body valid. Returns the problems (none: a request GitHub accepts).
 */
export function checkRequest(
  method: string,
  url: URL,
  body: string,
): { operationId?: string; problems: string[] } {
  const path = decodeURIComponent(url.pathname);
  const c = COMPILED.find((x) => x.op.method === method && x.pattern.test(url.pathname));
  if (!c)
    return { problems: [`${method} ${path}: not an operation of GitHub's REST API that rollcall uses`] };
  const problems: string[] = [];
  const m = c.pattern.exec(url.pathname)!;
  c.names.forEach((n, i) => {
    const spec = c.op.parameters.find((p) => p.in === 'path' && p.name === n);
    const v = decodeURIComponent(m[i + 1]!);
    if (spec && !c.params.get(`path:${n}`)!(typed(v, spec.schema)))
      problems.push(`path parameter ${n}=${v} invalid`);
  });
  for (const [k, v] of url.searchParams) {
    const spec = c.op.parameters.find((p) => p.in === 'query' && p.name === k);
    if (!spec) problems.push(`unknown query parameter ${k}`);
    else if (!c.params.get(`query:${k}`)!(typed(v, spec.schema)))
      problems.push(`query parameter ${k}=${v} invalid`);
  }
  for (const p of c.op.parameters)
    if (p.in === 'query' && p.required && !url.searchParams.has(p.name))
      problems.push(`query parameter ${p.name} missing`);
  if (c.body) {
    if (body.trim() === '') {
      if (c.op.requestBody!.required) problems.push('request body missing');
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        problems.push('request body is not JSON');
      }
      if (parsed !== undefined && !c.body(parsed))
        problems.push(`request body invalid: ${ajv.errorsText(c.body.errors)}`);
    }
  } else if (body.trim() !== '' && method !== 'GET')
    problems.push('request body where the operation takes none');
  return { operationId: c.op.operationId, problems: problems.map((p) => `${method} ${path}: ${p}`) };
}
