import { describe, expect, it } from 'vitest';
import { entryStamp, parseStampInput, stampInputValue } from '../../../../renderer/views/history/entry-time';

// Run with TZ=UTC: the operator's zone is the process's.
const AT = Date.UTC(2026, 2, 19, 10, 55);

describe("History's time filters read as its rows do", () => {
  it('write an instant as the rows write times, yyyy-mm-dd hh:mm, seconds only when it has them', () => {
    expect(entryStamp(AT)).toBe('2026-03-19 10:55:00');
    expect(stampInputValue(AT)).toBe('2026-03-19 10:55');
    expect(stampInputValue(AT + 7_000)).toBe('2026-03-19 10:55:07');
    expect(stampInputValue(undefined)).toBe('');
  });

  it.each([
    ['2026-03-19 10:55', AT],
    ['2026-03-19T10:55', AT],
    ['  2026-03-19 10:55:07 ', AT + 7_000],
    ['2026-03-19', Date.UTC(2026, 2, 19)],
    ['2028-02-29', Date.UTC(2028, 1, 29)],
  ])('read "%s" as the instant it names', (text, at) => {
    expect(parseStampInput(text)).toEqual({ kind: 'instant', at });
  });

  it('read an empty field as no bound', () => {
    expect(parseStampInput(' ')).toEqual({ kind: 'empty' });
  });

  it.each([
    ['03/19/2026', '“03/19/2026” is not a date: write it as yyyy-mm-dd hh:mm, as the rows show times (the time may be left out)'],
    ['19/03/2026 10:55', '“19/03/2026 10:55” is not a date: write it as yyyy-mm-dd hh:mm, as the rows show times (the time may be left out)'],
    ['2026-3-19', '“2026-3-19” is not a date: write it as yyyy-mm-dd hh:mm, as the rows show times (the time may be left out)'],
    ['2026-13-01', 'there is no day 2026-13-01: the month runs 01–12, the day within its month'],
    ['2026-02-29 10:00', 'there is no day 2026-02-29: the month runs 01–12, the day within its month'],
    ['2026-03-19 24:00', 'there is no time 24:00 on 2026-03-19 here: hours run 00–23, minutes 00–59'],
    ['2026-03-19 10:60', 'there is no time 10:60 on 2026-03-19 here: hours run 00–23, minutes 00–59'],
  ])('say what is wrong with "%s"', (text, problem) => {
    expect(parseStampInput(text)).toEqual({ kind: 'invalid', problem });
  });
});
