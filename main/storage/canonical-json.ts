/**
 * The one byte-exact spelling of a JSON value that the audit log hashes: object keys sorted by code unit,
 * no whitespace. A value that JSON cannot carry faithfully (NaN, Infinity, bigint, a function, undefined
 * inside an array) is refused, because it would hash one way now and parse back another way later.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${where} is ${value}, which JSON cannot carry.`);
      return JSON.stringify(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${where}[${i}]`)).join(',')}]`;
      if (!isPlainObject(value)) throw new TypeError(`canonicalJson: ${where} is a ${value.constructor?.name ?? 'non-plain'} object; pass plain JSON data.`);
      return encodeObject(value as Record<string, unknown>, where);
    default:
      throw new TypeError(`canonicalJson: ${where} is a ${typeof value}, which JSON cannot carry.`);
  }
}

function encodeObject(value: Record<string, unknown>, where: string): string {
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const member = value[key];
    // Like JSON.stringify: an undefined property is absent, so it hashes the same before and after a round trip.
    if (member === undefined) continue;
    members.push(`${JSON.stringify(key)}:${encode(member, `${where}.${key}`)}`);
  }
  return `{${members.join(',')}}`;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
