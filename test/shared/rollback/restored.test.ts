import { describe, expect, it } from 'vitest';
import type { RollbackCriterion } from '../../../shared/rollback/criteria';
import { DEFAULT_RECOVERY_MINUTES, serviceRestoredAcross, serviceRestoredAt } from '../../../shared/rollback/restored';

// Seed 001's immediate criterion: error rate above 2%. The rollback's commands finish at 18:30.
const ERRORS: RollbackCriterion = { id: 'errors-2', title: 'Error rate above 2%', level: 'immediate', metric: 'errors', comparison: 'above', threshold: 2, sustainedMinutes: 0 };
// Seed 002: latency more than 20% above the baseline.
const P95: RollbackCriterion = { id: 'p95', title: 'P95 above baseline +20%', level: 'consider', metric: 'p95', comparison: 'percentAboveBaseline', threshold: 20, sustainedMinutes: 5 };
const FINISHED = Date.parse('2026-03-19T18:30:00Z');
const minute = (m: number) => FINISHED + m * 60_000;
const series = (values: number[], start = 0) => values.map((v, i) => ({ t: minute(start + i), v }));

function restored(errors: number[], now = minute(errors.length - 1), p95?: number[]) {
  return serviceRestoredAt({
    criteria: p95 ? [ERRORS, P95] : [ERRORS],
    series: { errors: series(errors), ...(p95 ? { p95: series(p95) } : {}) },
    baseline: { p95: 100 },
    from: FINISHED,
    recoveryMinutes: DEFAULT_RECOVERY_MINUTES,
    now,
  });
}

// Seed 004's "critical business metric drops > 10%": healthy means above the line, not under it.
const THROUGHPUT: RollbackCriterion = { id: 'throughput-drop', title: 'Throughput more than 10% below baseline', level: 'immediate', metric: 'throughput', comparison: 'percentBelowBaseline', threshold: 10, sustainedMinutes: 5 };

function restoredThroughput(values: number[], inMaintenance: boolean) {
  return serviceRestoredAt({
    criteria: [THROUGHPUT],
    series: { throughput: series(values) },
    baseline: { throughput: 100 },
    from: FINISHED,
    recoveryMinutes: DEFAULT_RECOVERY_MINUTES,
    now: minute(values.length - 1),
    inMaintenance,
  });
}

describe('service restored after a rollback (issue 17)', () => {
  it('reads a drop criterion the right way up: traffic back above its line is health, traffic under it is not', () => {
    expect(restoredThroughput([95, 96, 97, 98, 99, 100], false)).toEqual({ restored: true, healthySince: minute(0), at: minute(5) });
    expect(restoredThroughput([50, 52, 51, 50, 49, 50], false)).toEqual({ restored: false, healthySince: null, reason: 'Throughput more than 10% below baseline: throughput is 50, below 90.' });
  });

  it('does not hold a region still in maintenance mode to its traffic, which its sibling carries', () => {
    expect(restoredThroughput([5, 5, 5, 5, 5, 5], true)).toEqual({ restored: true, healthySince: minute(0), at: minute(5) });
  });

  it('is not written when the commands finish while the error rate is still 2.08% (EUC1)', () => {
    const r = restored([2.4, 2.3, 2.08, 2.08]);
    expect(r).toEqual({ restored: false, healthySince: null, reason: 'Error rate above 2%: errors is 2.08, above 2.' });
  });

  it('is written once the metrics have been under the criteria for 5 minutes, at that point', () => {
    const r = restored([2.4, 2.3, 2.08, 1.2, 0.9, 0.8, 0.7, 0.6, 0.6]);
    expect(r).toEqual({ restored: true, healthySince: minute(3), at: minute(8) });
  });

  it('says how far along it is while the clock runs', () => {
    expect(restored([2.4, 1.2, 0.9, 0.8])).toEqual({ restored: false, healthySince: minute(1), reason: 'healthy for 2 of 5 minutes so far.' });
  });

  it('restarts the recovery clock on a relapse', () => {
    const r = restored([1.0, 0.9, 0.8, 2.5, 0.9, 0.8, 0.7, 0.7, 0.6, 0.6]);
    expect(r).toEqual({ restored: true, healthySince: minute(4), at: minute(9) });
    expect(restored([1.0, 0.9, 0.8, 0.7, 2.5, 0.9])).toMatchObject({ restored: false, healthySince: minute(5) });
  });

  it('counts nothing from before the rollback finished', () => {
    const r = serviceRestoredAt({ criteria: [ERRORS], series: { errors: series([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], -6) }, baseline: {}, from: FINISHED, recoveryMinutes: 5, now: minute(0) });
    expect(r).toMatchObject({ restored: false, healthySince: FINISHED });
  });

  it('holds every criterion: latency still 30% above its baseline keeps it unrestored', () => {
    const r = restored([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5], minute(6), [130, 130, 130, 130, 130, 130, 130]);
    expect(r).toMatchObject({ restored: false, reason: 'P95 above baseline +20%: p95 is 130, above 120.' });
  });

  it('is never restored on missing data: a gap longer than the staleness rule restarts the clock', () => {
    const gap = [...series([0.5, 0.5, 0.5]), ...series([0.5, 0.5, 0.5], 7)];
    const r = serviceRestoredAt({ criteria: [ERRORS], series: { errors: gap }, baseline: {}, from: FINISHED, recoveryMinutes: 5, now: minute(9) });
    expect(r).toMatchObject({ restored: false, healthySince: minute(7) });
  });

  it('across regions, is restored when the last region is', () => {
    const euc1 = restored([2.4, 2.3, 2.08, 1.2, 0.9, 0.8, 0.7, 0.6, 0.6]);
    const lon = restored([0.9, 0.8, 0.7, 0.6, 0.6, 0.6]);
    expect(serviceRestoredAcross({ LON: lon, EUC1: euc1 })).toEqual({ restored: true, at: minute(8), healthySince: minute(3) });
    expect(serviceRestoredAcross({ LON: lon, EUC1: restored([2.4, 2.3, 2.08]) })).toMatchObject({ restored: false, reason: 'EUC1: Error rate above 2%: errors is 2.08, above 2.' });
  });
});
