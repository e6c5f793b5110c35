import type { z } from 'zod';

type AnyDef = {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
};

function def(schema: z.ZodType): AnyDef {
  return (schema as unknown as { _zod: { def: AnyDef } })._zod.def;
}

/** Strips optional/default/nullable/pipe wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const d = def(s);
    if (
      (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === 'pipe') s = (d as unknown as { in: z.ZodType }).in;
    else return s;
  }
}

/** The object keys a schema accepts at `path` (for "did you mean" hints on unknown keys). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let s = unwrap(schema);
  for (const part of path) {
    const d = def(s);
    if (d.type === 'object' && d.shape) {
      const next = d.shape[String(part)];
      if (!next) return [];
      s = unwrap(next);
    } else if (d.type === 'array' && d.element) s = unwrap(d.element);
    else if (d.type === 'record' && d.valueType) s = unwrap(d.valueType);
    else return [];
  }
  const d = def(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}
