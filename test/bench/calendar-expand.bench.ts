// Bench (issue 19): expanding a large freeze calendar into freeze periods, as a console start does for each
// calendar freeze. The calendar is generated: 150 one-off events, 30 weekly series with exceptions in the
// Windows zone Outlook writes, and 20 daily series begun years before the range, which must be walked.
import os from 'node:os';
import { frozenPeriodsOf } from '../../shared/calendar/calendarFreeze';
import { parseCalendar } from '../../shared/calendar/icalendar';

const NOW = Date.parse('2026-11-29T06:00:00Z');
const RANGE = { from: NOW - 366 * 86_400_000, to: NOW + 2 * 366 * 86_400_000, zone: 'Europe/London' };
const ROUNDS = 6;

function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function localStamp(t: number): string {
  return stamp(t).replace('Z', '');
}

function generatedCalendar(): { text: string; events: number } {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//release-console//bench//EN'];
  let events = 0;
  for (let i = 0; i < 150; i++) {
    const start = NOW - 300 * 86_400_000 + i * 5 * 86_400_000;
    lines.push('BEGIN:VEVENT', `UID:one-off-${i}`, `DTSTAMP:${stamp(NOW)}`, `SUMMARY:Launch ${i}`, `DTSTART;TZID=America/New_York:${localStamp(start)}`, `DTEND;TZID=America/New_York:${localStamp(start + 6 * 3_600_000)}`, 'END:VEVENT');
    events++;
  }
  for (let i = 0; i < 30; i++) {
    const start = NOW - 400 * 86_400_000 + i * 86_400_000;
    const exdate = start + 7 * 7 * 86_400_000;
    lines.push('BEGIN:VEVENT', `UID:weekly-${i}`, `DTSTAMP:${stamp(NOW)}`, `SUMMARY:Weekly close ${i}`, `DTSTART;TZID=W. Europe Standard Time:${localStamp(start)}`, `DTEND;TZID=W. Europe Standard Time:${localStamp(start + 2 * 3_600_000)}`, 'RRULE:FREQ=WEEKLY', `EXDATE;TZID=W. Europe Standard Time:${localStamp(exdate)}`, 'END:VEVENT');
    events++;
  }
  for (let i = 0; i < 20; i++) {
    const start = Date.parse('2020-01-06T09:00:00Z') + i * 3_600_000;
    lines.push('BEGIN:VEVENT', `UID:daily-${i}`, `DTSTAMP:${stamp(NOW)}`, `SUMMARY:Daily stand-down ${i}`, `DTSTART:${stamp(start)}`, `DTEND:${stamp(start + 1_800_000)}`, 'RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', 'END:VEVENT');
    events++;
  }
  lines.push('END:VCALENDAR');
  return { text: lines.join('\r\n'), events };
}

function main(): void {
  const { text, events } = generatedCalendar();
  const warm: number[] = [];
  let cold = 0;
  let periods = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const began = performance.now();
    const parsed = parseCalendar(text, RANGE);
    if (!parsed.ok) throw new Error(parsed.error);
    periods = frozenPeriodsOf(parsed.calendar).length;
    const elapsed = performance.now() - began;
    if (round === 0) cold = elapsed;
    else warm.push(elapsed);
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)] ?? Number.NaN;
  const loadAverage = Number(os.loadavg()[0]!.toFixed(2));
  process.stdout.write(`${JSON.stringify({ bench: 'calendar.expand_ms', value: Number(median.toFixed(1)), unit: 'ms', coldMs: Number(cold.toFixed(1)), events, periods, rangeDays: Math.round((RANGE.to - RANGE.from) / 86_400_000), loadAverage })}\n`);
}

main();
