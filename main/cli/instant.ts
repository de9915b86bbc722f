/**
 * Strict ISO 8601 (the RFC 3339 profile) for pipelines: a date, a time and an explicit offset, every field in
 * range. Lenient parsers read `-00:60` as an hour and accept `+99:99`; a gate must refuse both rather than
 * answer for an instant nobody meant.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/i;
const LONG_YEAR = /^[+-]?\d{5,}-/;
/** Real time zones lie between UTC−12:00 and UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;
const FIRST_YEAR = 1970;
const LAST_YEAR = 9999;
const EXAMPLE = 'write it like 2026-11-27T17:59:00Z or 2026-11-27T17:59:00+01:00';

export type ParsedInstant = { ok: true; at: number } | { ok: false; error: string };

export function parseInstant(flag: string, text: string): ParsedInstant {
  const fail = (why: string): ParsedInstant => ({ ok: false, error: `${flag} "${text}" ${why}.` });
  if (LONG_YEAR.test(text)) return fail(`has a year out of range; the year must be ${FIRST_YEAR}–${LAST_YEAR}`);
  const m = INSTANT.exec(text);
  if (!m) {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text)) return fail(`has no time zone offset; ${EXAMPLE}`);
    return fail(`is not an ISO 8601 date and time with an offset; ${EXAMPLE}`);
  }
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const fraction = Number(`0.${m[7] ?? '0'}`);
  if (year < FIRST_YEAR || year > LAST_YEAR) return fail(`has a year out of range; the year must be ${FIRST_YEAR}–${LAST_YEAR}`);
  if (month < 1 || month > 12) return fail(`has month ${m[2]}; months are 01–12`);
  if (hour > 23) return fail(`has hour ${m[4]}; hours are 00–23`);
  if (minute > 59) return fail(`has minute ${m[5]}; minutes are 00–59`);
  if (second > 59) return fail(`has second ${m[6]}; seconds are 00–59`);
  const local = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(fraction * 1000);
  if (new Date(local).getUTCDate() !== day) return fail(`has day ${m[3]}, which month ${m[2]} of ${m[1]} does not have`);
  let offset = 0;
  if (m[8] === undefined) {
    const offsetHours = Number(m[10]);
    const offsetMinutes = Number(m[11]);
    if (offsetMinutes > 59) return fail(`has offset minutes ${m[11]}; offset minutes are 00–59`);
    offset = (offsetHours * 60 + offsetMinutes) * (m[9] === '-' ? -1 : 1);
    if (Math.abs(offset) > MAX_OFFSET_MINUTES) return fail(`has offset ${m[9]}${m[10]}:${m[11]}; no time zone is more than 14 hours from UTC`);
  }
  return { ok: true, at: local - offset * 60_000 };
}
