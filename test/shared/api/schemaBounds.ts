import type { z } from 'zod';

/** What the walk found unbounded, by path in the payload (`approvers[].name`). */
export interface UnboundedField {
  path: string;
  kind: string;
}

interface Def {
  type: string;
  checks?: { _zod: { def: { check: string } } }[];
  [key: string]: unknown;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function hasLengthBound(def: Def): boolean {
  return (def.checks ?? []).some((check) => ['max_length', 'length_equals'].includes(check._zod.def.check));
}

/**
 * Walks a zod v4 schema through its `_zod.def` and lists every string and array with no maximum length,
 * and every value that may hold anything (`unknown`, `any`, a record, whose entries zod cannot count).
 */
export function findUnbounded(schema: z.ZodType, path = '', seen = new Set<z.ZodType>()): UnboundedField[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (inner: unknown, at: string) => findUnbounded(inner as z.ZodType, at, seen);
  switch (def.type) {
    case 'string':
      return hasLengthBound(def) ? [] : [{ path: path || '(payload)', kind: 'string' }];
    case 'array':
      return [...(hasLengthBound(def) ? [] : [{ path: path || '(payload)', kind: 'array' }]), ...walk(def['element'], `${path}[]`)];
    case 'object': {
      const shape = def['shape'] as Record<string, z.ZodType>;
      const fields = Object.entries(shape).flatMap(([key, value]) => walk(value, path ? `${path}.${key}` : key));
      const catchall = def['catchall'] as z.ZodType | undefined;
      // strictObject's catchall is `never`: no other key gets in.
      return catchall && defOf(catchall).type !== 'never' ? [...fields, ...walk(catchall, `${path}.*`)] : fields;
    }
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((option, i) => walk(option, `${path}|${i}`));
    case 'intersection':
      return [...walk(def['left'], path), ...walk(def['right'], path)];
    case 'tuple':
      return [
        ...(def['items'] as z.ZodType[]).flatMap((item, i) => walk(item, `${path}[${i}]`)),
        ...(def['rest'] ? [{ path: `${path}[…]`, kind: 'tuple rest' }] : []),
      ];
    case 'record':
      return [{ path: path || '(payload)', kind: 'record' }];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return walk(def['innerType'], path);
    case 'pipe': {
      // What arrives is the pipe's input; a transform on the way in has nothing to bound itself.
      const input = def['in'] as z.ZodType;
      return defOf(input).type === 'transform' ? walk(def['out'], path) : walk(input, path);
    }
    case 'lazy':
      return walk((def['getter'] as () => z.ZodType)(), path);
    case 'number':
    case 'int':
    case 'boolean':
    case 'bigint':
    case 'date':
    case 'enum':
    case 'literal':
    case 'null':
    case 'undefined':
    case 'never':
    case 'void':
    case 'nan':
      return [];
    default:
      return [{ path: path || '(payload)', kind: def.type }];
  }
}
