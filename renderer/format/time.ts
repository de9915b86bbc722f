/** Formatting only: every instant arrives from main already decided; this turns it into words. */

export function clockIn(epochMs: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(epochMs);
}

export function dayAndClockIn(epochMs: number, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(epochMs);
}

export function zoneAbbreviation(epochMs: number, zone: string): string {
  const part = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'short' }).formatToParts(epochMs).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

export function operatorZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "in 1 h 05 min", "in 42 s", "3 min ago". */
export function relative(targetMs: number, nowMs: number): string {
  const delta = targetMs - nowMs;
  const abs = Math.abs(delta);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const text = h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : m > 0 ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

/** "Europe/London" → "London", "America/New_York" → "New York": short enough for a tile. */
export function zoneLabel(zone: string): string {
  const city = zone.split('/').at(-1) ?? zone;
  return city.replace(/_/g, ' ');
}

/** The same instant in each distinct zone: the rule's, the region's and the operator's (DESIGN: timing semantics). */
export function inZones(epochMs: number, zones: (string | null | undefined)[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const zone of zones) {
    if (!zone || seen.has(zone)) continue;
    seen.add(zone);
    parts.push(`${clockIn(epochMs, zone)} ${zoneLabel(zone)}`);
  }
  return parts.join(' · ');
}
