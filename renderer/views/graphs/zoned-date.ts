/**
 * uPlot reads a time axis through `tzDate(seconds)`: a Date whose local fields show the wall clock of the zone.
 * uPlot's own `uPlot.tzDate` builds that with `toLocaleString` + string parsing on every call, and an axis asks
 * for dozens of dates each time its scale moves; with 88 graphs that dominated a poll's update. This keeps one
 * formatter per zone and remembers the zone's UTC offset per quarter hour (every zone's offsets and transitions
 * fall on quarter hours), so a date costs one `Date` in the common case.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_CACHED_OFFSETS = 4096;

export function zonedDate(zone: string): (epochSeconds: number) => Date {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsets = new Map<number, number>();

  function offsetAt(epochMs: number): number {
    const bucket = Math.floor(epochMs / QUARTER_HOUR_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const at = bucket * QUARTER_HOUR_MS;
      const parts: Record<string, number> = {};
      for (const part of format.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
      offset = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - at;
      if (offsets.size >= MAX_CACHED_OFFSETS) offsets.clear();
      offsets.set(bucket, offset);
    }
    return offset;
  }

  return (epochSeconds) => {
    const epochMs = epochSeconds * 1000;
    const wall = new Date(epochMs + offsetAt(epochMs));
    // The wall clock's fields, read back as the browser's local fields (what uPlot formats ticks from).
    return new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds());
  };
}
