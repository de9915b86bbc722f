/** "2026-03-19 10:55:07": an audit reads seconds, and sorts by eye, in the operator's zone (named beside it). */
const STAMP = new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function entryStamp(at: number): string {
  return Number.isFinite(at) ? STAMP.format(at) : '—';
}

/** What a History time filter's text says: nothing, an instant, or why it is not one. */
export type StampInput = { kind: 'empty' } | { kind: 'instant'; at: number } | { kind: 'invalid'; problem: string };

export const STAMP_INPUT_FORMAT = 'yyyy-mm-dd hh:mm';

/**
 * The time filter's text for an instant, as History's rows write times ("2026-03-19 10:55", seconds only when
 * the instant has them), in the operator's zone. The browser's date input followed its locale (mm/dd/yyyy)
 * beside rows in ISO order.
 */
export function stampInputValue(at: number | undefined): string {
  if (at === undefined) return '';
  const stamp = entryStamp(at);
  return stamp.endsWith(':00') ? stamp.slice(0, 16) : stamp;
}

const STAMP_INPUT = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The instant a time filter's text means in the operator's zone: "2026-03-19" (its midnight), "2026-03-19 10:55"
 * or "2026-03-19 10:55:07", as the rows show times; anything else says what is wrong with it.
 */
export function parseStampInput(text: string): StampInput {
  const value = text.trim();
  if (!value) return { kind: 'empty' };
  const match = STAMP_INPUT.exec(value);
  if (!match) return { kind: 'invalid', problem: `“${value}” is not a date: write it as ${STAMP_INPUT_FORMAT}, as the rows show times (the time may be left out)` };
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const noSuchTime = { kind: 'invalid', problem: `there is no time ${value.slice(11)} on ${value.slice(0, 10)} here: hours run 00–23, minutes 00–59` } as const;
  if (hour > 23 || minute > 59 || second > 59) return noSuchTime;
  const date = new Date(year!, month! - 1, day!, hour, minute, second);
  if (date.getFullYear() !== year || date.getMonth() !== month! - 1 || date.getDate() !== day) return { kind: 'invalid', problem: `there is no day ${value.slice(0, 10)}: the month runs 01–12, the day within its month` };
  // The hour the clocks skip in spring is no time in the operator's zone.
  if (date.getHours() !== hour || date.getMinutes() !== minute) return noSuchTime;
  return { kind: 'instant', at: date.getTime() };
}
