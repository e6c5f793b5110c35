import { type Diagnostic, Diagnostics, formatLocation } from '../model/diagnostic.js';
import { ValidationError } from '../model/errors.js';
import { PLAN_FORMAT_VERSION, Plan } from '../model/plan.js';
import { duplicateKeyMessage, findDuplicateKey } from '../util/json-duplicate-keys.js';
import { jsonSyntaxError } from '../util/json-error.js';
import { YamlSource } from '../util/yaml-source.js';

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads plan JSON: validated with the `Plan` schema, unknown fields accepted and kept; a plan of
 * another formatVersion is refused. Throws ValidationError; `source` names the file in messages.
 */
export function parsePlanJson(text: string, source = 'plan'): Plan {
  let data: unknown;
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const at = jsonSyntaxError(json, error);
    throw new ValidationError(`${formatLocation({ file: source, ...at })}: not valid JSON (${at.message})`);
  }
  const twice = findDuplicateKey(json);
  if (twice)
    throw new ValidationError(
      `${formatLocation({ file: source, line: twice.line, column: twice.column })}: ${duplicateKeyMessage(twice.key)}`,
    );
  if (!isObject(data)) throw new ValidationError(`${source}: a plan must be a JSON object`);
  // Digests and canonical forms walk every value recursively: bound the depth before they do.
  if (depthOver(data, MAX_PLAN_DEPTH))
    throw new ValidationError(
      `${source}: values nest more than ${MAX_PLAN_DEPTH} levels deep; this is not a rollcall plan`,
    );
  if (data.formatVersion !== PLAN_FORMAT_VERSION) {
    const found =
      data.formatVersion === undefined
        ? 'no formatVersion'
        : `formatVersion ${JSON.stringify(data.formatVersion)}`;
    throw new ValidationError(
      `${source}: plan has ${found}; this rollcall reads formatVersion ${PLAN_FORMAT_VERSION} only (run \`rollcall plan\` again with this version)`,
    );
  }
  const result = Plan.safeParse(data);
  if (!result.success) {
    // JSON is YAML: the YAML parser knows where each value stands (only needed on this path).
    const located = YamlSource.parse(source, json, new Diagnostics())?.source;
    const diagnostics: Diagnostic[] = result.error.issues.map((issue) => ({
      severity: 'error',
      ...(located ? located.locate(issue.path) : { file: source }),
      message: `${issue.path.length > 0 ? issue.path.join('.') : '(plan)'}: ${issue.message}`,
    }));
    const n = diagnostics.length;
    throw new ValidationError(
      `${source}: not a valid rollcall plan (${n} problem${n === 1 ? '' : 's'})`,
      diagnostics,
    );
  }
  return result.data;
}

/** A plan nests about eight levels (plan, targets, change, after, a list value); this leaves room. */
const MAX_PLAN_DEPTH = 64;

/** Whether a parsed JSON value nests deeper than `max`, walked without recursion. */
function depthOver(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
