/**
 * Workspaces write units either as CloudWatch names ("Percent", "Milliseconds", "Count/Second") or as
 * people do ("%", "ms", "rps"); seed 001's table prints the short forms.
 */
export type UnitKind = 'percent' | 'milliseconds' | 'seconds' | 'perSecond' | 'count' | 'other';

export function unitKind(unit: string): UnitKind {
  switch (unit.trim().toLowerCase()) {
    case '%':
    case 'percent':
      return 'percent';
    case 'ms':
    case 'milliseconds':
      return 'milliseconds';
    case 's':
    case 'seconds':
      return 'seconds';
    case 'rps':
    case 'count/second':
    case '/s':
      return 'perSecond';
    case 'count':
    case '':
      return 'count';
    default:
      return 'other';
  }
}

/** Up to `decimals` decimals with trailing zeros dropped: seed 001 writes "0.1%", "+5%", "+4.4%". */
export function trimNumber(value: number, decimals: number): string {
  const fixed = value.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** "45348" → "45,348", "1612.5" → "1,612.5": a PE reads a five-digit count at a glance, not by counting digits. */
export function groupDigits(text: string): string {
  return text.replace(/\d+/, (whole) => whole.replace(/\B(?=(\d{3})+$)/g, ','));
}

/**
 * Seed 001's Baseline/Current cells, for people: "0.12%", "47ms", "1,000 rps", "45,348". The same text is in
 * the graphs' headers, the verification table, the CR evidence and the alerts; a machine-read export (CSV,
 * JSON) carries the number itself, not this.
 */
export function formatMetricValue(value: number, unit: string): string {
  return groupDigits(ungroupedMetricValue(value, unit));
}

function ungroupedMetricValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  switch (unitKind(unit)) {
    case 'percent':
      return `${trimNumber(value, value < 10 ? 2 : 1)}%`;
    case 'milliseconds':
      return `${trimNumber(value, value < 10 ? 1 : 0)}ms`;
    case 'seconds':
      return `${trimNumber(value, 2)}s`;
    case 'perSecond':
      return `${trimNumber(value, value < 10 ? 1 : 0)} rps`;
    case 'count':
      // Errors and calls are whole things, even when a baseline mean makes 9.1 of them.
      return String(Math.round(value));
    case 'other':
      return `${trimNumber(value, 2)} ${unit}`;
  }
}

function signed(text: string, value: number): string {
  return value < 0 ? `-${text.replace(/^-/, '')}` : `+${text}`;
}

/** A difference between two percentages, in percentage points: "+0.02 pp", never "+0.02%", which reads as relative. */
export function formatPoints(points: number): string {
  return signed(`${trimNumber(Math.abs(points), 2)} pp`, points);
}

/**
 * Seed 001's Delta cell. A rate in percent moves by percentage points ("0.1% → 0.12%" is "+0.02 pp": seed
 * 001 printed "+0.02%", which a PE read as 2% of 0.1%); everything else moves relative to its baseline
 * ("200ms → 210ms" is "+5%").
 */
export function formatDelta(baseline: number, current: number, unit: string): string {
  if (!Number.isFinite(baseline) || !Number.isFinite(current)) return '—';
  if (unitKind(unit) === 'percent') return formatPoints(current - baseline);
  if (baseline === 0) return current === 0 ? '+0%' : 'n/a';
  const relative = ((current - baseline) / Math.abs(baseline)) * 100;
  return signed(`${trimNumber(Math.abs(relative), 1)}%`, relative);
}

/**
 * What a count is per: "Requests 30612" read as a total; CloudWatch summed it over each period. Short for a
 * graph's header ("/min", "peak"), long for its title and the verification table ("per minute", "peak per minute"). Null
 * for anything but a count, whose unit already says it ("%", "ms", "rps").
 */
export function countPer(metric: { unit: string; stat?: string | undefined; periodSeconds: number }): { short: string; long: string } | null {
  if (unitKind(metric.unit) !== 'count' || !metric.stat) return null;
  const s = metric.periodSeconds;
  const [short, long] = s === 60 ? ['min', 'minute'] : s % 3600 === 0 ? (s === 3600 ? ['h', 'hour'] : [`${s / 3600} h`, `${s / 3600} hours`]) : s % 60 === 0 ? [`${s / 60} min`, `${s / 60} minutes`] : [`${s} s`, `${s} seconds`];
  switch (metric.stat) {
    case 'Sum':
    case 'SampleCount':
      return { short: `/${short}`, long: `per ${long}` };
    // A gauge's peak or average is no rate: "91835/min" would read as calls per minute. One word says which, as
    // short as "low" and "avg": "91,835 max" keeps a graph's header on one line at 1280 px, where "peak" wrapped it.
    case 'Maximum':
      return { short: ' max', long: `peak per ${long}` };
    case 'Minimum':
      return { short: ' low', long: `lowest per ${long}` };
    case 'Average':
      return { short: ' avg', long: `average per ${long}` };
    default:
      return { short: ` ${metric.stat}`, long: `${metric.stat} per ${long}` };
  }
}
