// issue 16, item "Bounds": every string and array a request may carry has a maximum, so no call can
// carry a megabyte into the audit log. The walk is over the contract itself: a call added later without
// bounds fails here.
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { calls } from '../../../shared/api';
import { findUnbounded } from './schemaBounds';

const bounded = z.string().max(10);

describe('the walk over a zod schema', () => {
  it.each<[string, z.ZodType, string[]]>([
    ['a bare string', z.string(), ['(payload)']],
    ['a string with only a regex', z.object({ id: z.string().regex(/^HO-[0-9]+$/) }).strict(), ['id']],
    ['a bounded string', bounded, []],
    ['a string of fixed length', z.string().length(4), []],
    ['an array without max, of bounded strings', z.object({ ids: z.array(bounded) }), ['ids']],
    ['a bounded array of unbounded strings', z.object({ ids: z.array(z.string()).max(3) }), ['ids[]']],
    ['an optional, nullable, defaulted string', z.object({ a: z.string().optional(), b: z.string().nullable(), c: z.string().default('x') }), ['a', 'b', 'c']],
    ['a union with one unbounded side', z.object({ u: z.union([bounded, z.object({ deep: z.string() })]) }), ['u|1.deep']],
    ['a record', z.object({ r: z.record(bounded, bounded) }), ['r']],
    ['a tuple with one unbounded item', z.tuple([bounded, z.string()]), ['[1]']],
    ['a tuple with a rest', z.tuple([bounded]).rest(bounded), ['[…]']],
    ['a pipe whose input is unbounded', z.string().pipe(z.string().max(3)), ['(payload)']],
    ['a transform after a bounded string', bounded.transform((s) => s.length), []],
    ['an object that lets any other key in', z.object({ a: bounded }).catchall(z.string()), ['.*']],
    ['a value that may be anything', z.object({ any: z.unknown() }), ['any']],
    ['a lazy schema', z.object({ l: z.lazy(() => z.string()) }), ['l']],
    ['numbers, enums, literals and booleans', z.object({ n: z.number(), e: z.enum(['a']), l: z.literal('x'), b: z.boolean() }).strict(), []],
  ])('finds every unbounded field in %s', (_name, schema, expected) => {
    expect(findUnbounded(schema).map((field) => field.path)).toEqual(expected);
  });
});

describe('the API contract', () => {
  it.each(Object.entries(calls))('bounds every string and array in the %s request', (_name, spec) => {
    expect(findUnbounded(spec.request)).toEqual([]);
  });
});
