import type { MetricDefinition } from '../workspace/schema/metrics';
import type { RollbackCriterion } from '../workspace/schema/rollback';
import type { BaselineSummary } from './baseline';
import { evaluateCriterion } from './criteria';
import type { Point } from './series';
import { countPer, formatDelta, formatMetricValue } from './units';

/** Seed 001's "Expected output": OK, plus the two levels of its rollback decision criteria. */
export type VerificationStatus = 'OK' | 'CONSIDER' | 'ROLLBACK' | 'NO DATA' | 'STALE';

export interface VerificationRow {
  metricId: string;
  metric: string;
  /** What a count is per ("per minute", "peak per minute"): a bare "Requests 30612" read as a total. Null for a unit that says it. */
  per: string | null;
  baseline: string;
  current: string;
  delta: string;
  status: VerificationStatus;
}

export interface VerificationInput {
  metric: MetricDefinition;
  points: readonly Point[];
  baseline: BaselineSummary | undefined;
  isStale: boolean;
}

function statusOf(input: VerificationInput, criteria: readonly RollbackCriterion[], now: number): VerificationStatus {
  if (input.points.length === 0) return 'NO DATA';
  const mine = criteria.filter((criterion) => criterion.metric === input.metric.id);
  const breached = mine.filter(
    (criterion) => evaluateCriterion(criterion, input.points, input.baseline, now, input.metric.periodSeconds * 1000).state === 'breached',
  );
  if (breached.some((criterion) => criterion.level === 'immediate')) return 'ROLLBACK';
  if (breached.length > 0) return 'CONSIDER';
  // A stale series cannot say OK: its latest value may be long gone.
  return input.isStale ? 'STALE' : 'OK';
}

/** One row per key metric: Metric | Baseline | Current | Delta | Status (seed 001, Performance Verification). */
export function verificationRows(inputs: readonly VerificationInput[], criteria: readonly RollbackCriterion[], now: number): VerificationRow[] {
  return inputs.map((input) => {
    const latest = input.points[input.points.length - 1];
    const unit = input.metric.unit;
    return {
      metricId: input.metric.id,
      metric: input.metric.label,
      per: countPer(input.metric)?.long ?? null,
      baseline: input.baseline ? formatMetricValue(input.baseline.mean, unit) : '—',
      current: latest ? formatMetricValue(latest.v, unit) : '—',
      delta: input.baseline && latest ? formatDelta(input.baseline.mean, latest.v, unit) : '—',
      status: statusOf(input, criteria, now),
    };
  });
}

const HEADERS = ['Metric', 'Baseline', 'Current', 'Delta', 'Status'] as const;

/** The table as text, laid out like seed 001 prints it, for export and for pasting into the CR; a count says what it is per, as the screen does. */
export function formatVerificationTable(rows: readonly VerificationRow[]): string {
  const cells = rows.map((row) => [row.per ? `${row.metric} ${row.per}` : row.metric, row.baseline, row.current, row.delta, row.status]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...cells.map((line) => line[column]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    values
      .map((value, column) => (column === values.length - 1 ? value : value.padEnd(widths[column] ?? 0)))
      .join(' | ');
  return [line(HEADERS), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}
