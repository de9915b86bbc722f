import type { NamedInstant } from './engine/decision';
import { zoneLabel } from './rules/localDay';

/**
 * An instant as a desk reads it, in the desk's zone: the renderer's screens (renderer/format/time.ts re-exports these)
 * and main where it writes for the desk it runs on (a console shell's refusal, main/terminal/shell-guard.ts).
 */

/** Above this many zones a reading's formatters are dropped and made again: a bound, never reached by real zones. */
const MAX_ZONES = 1_000;

/**
 * A reading of instants in British English, with one formatter kept per zone. Building an Intl.DateTimeFormat costs
 * ~60 µs and formatting with one ~1 µs, and a screen reads hundreds of instants a render: each step row's reasons,
 * windows and sign-offs built theirs afresh, a tenth of the page's script in a walk through a rollout.
 */
export function readingPerZone(options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>): (zone: string) => Intl.DateTimeFormat {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (zone) => {
    let format = formats.get(zone);
    if (format === undefined) {
      // An unknown zone throws here, as it did when each call built its own, and is not kept.
      format = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: zone });
      if (formats.size >= MAX_ZONES) formats.clear();
      formats.set(zone, format);
    }
    return format;
  };
}

const clockReading = readingPerZone({ hour: '2-digit', minute: '2-digit' });
const dayAndClockReading = readingPerZone({ weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function clockIn(epochMs: number, zone: string): string {
  return clockReading(zone).format(epochMs);
}

export function dayAndClockIn(epochMs: number, zone: string): string {
  return dayAndClockReading(zone).format(epochMs);
}

/**
 * "Thu 19 Mar, 10:55 London": a recorded instant (who did a step when, a post, an alert) with the zone it is
 * read in, so a desk in London and one in New York never take the same words for two different times.
 */
export function dayAndClockWithZone(epochMs: number, zone: string): string {
  return `${dayAndClockIn(epochMs, zone)} ${zoneLabel(zone)}`;
}

/** "10:55 London": today's clock, with its zone. */
export function clockWithZone(epochMs: number, zone: string): string {
  return `${clockIn(epochMs, zone)} ${zoneLabel(zone)}`;
}

/**
 * An instant read first in a region's zone, then on the desk's clock where the two clocks differ: "07:10 New York
 * (11:10 UTC)" on a UTC desk, "07:10 New York" on a desk in New York. As the engine reads it with UTC for the desk.
 */
function inZoneThenDesk(at: number, zone: string, desk: string): string {
  const local = clockWithZone(at, zone);
  return clockIn(at, zone) === clockIn(at, desk) ? local : `${local} (${clockWithZone(at, desk)})`;
}

/**
 * Words from main as this desk reads them: the engine names an instant in UTC ("done by alice at 10:55 UTC"), as the
 * log and the CLI read it, and says which words name it (`instants`, in the order the text names them); here those
 * words are the desk's day and clock in its zone, named ("at Thu 19 Mar, 06:55 New York"), as a step's row beside the
 * notice says when it was done (`dayAndClockWithZone`, the same words for the same minute); an instant the engine read
 * in a region's zone first, by its clock alone, is read there first here too. Each instant's words are looked for
 * after the last one's, so two instants the engine writes alike ("10:08 UTC" twice) are each read as their own.
 */
export function wordsWithInstants(text: string, instants: readonly NamedInstant[] | undefined, zone: string): string {
  let read = '';
  let rest = text;
  for (const instant of instants ?? []) {
    const at = rest.indexOf(instant.words);
    if (at < 0) continue;
    read += rest.slice(0, at) + (instant.zone ? inZoneThenDesk(instant.at, instant.zone, zone) : dayAndClockWithZone(instant.at, zone));
    rest = rest.slice(at + instant.words.length);
  }
  return read + rest;
}
