import { describe, expect, it } from 'vitest';
import type { SeriesState } from '../../shared/api';
import { EMPTY_SERIES, seriesFromColumns } from '../../renderer/store/metric-series';
import { chartStatus, latestValue } from '../../renderer/views/graphs/chart-status';
import { zonedDate } from '../../renderer/views/graphs/zoned-date';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 19, 10, 0);

function state(freshness: SeriesState['freshness'], staleSinceMs: number | null, lastPointMs: number | null): SeriesState {
  return { regionId: 'EUW2', metricId: 'errorRate', freshness, staleSinceMs, lastPointMs };
}

describe('chartStatus: what a graph says about its data, from main’s verdict', () => {
  const series = seriesFromColumns([T0, T0 + MINUTE], [0.1, 0.12]);

  it('is fresh while main says so, and before main has said anything', () => {
    expect(chartStatus(state('fresh', null, T0 + MINUTE), series)).toEqual({ kind: 'fresh' });
    expect(chartStatus(undefined, series)).toEqual({ kind: 'fresh' });
  });

  it('is stale since the end of the last period that arrived when the data stopped', () => {
    expect(chartStatus(state('stale', T0 + 2 * MINUTE, T0 + MINUTE), series)).toEqual({ kind: 'stale', sinceMs: T0 + 2 * MINUTE });
  });

  it('is empty, not stale, when no point ever arrived', () => {
    expect(chartStatus(state('stale', T0, null), EMPTY_SERIES)).toEqual({ kind: 'empty', sinceMs: T0 });
  });

  it('is stale when main still remembers a point the renderer no longer holds', () => {
    expect(chartStatus(state('stale', T0, T0 - MINUTE), EMPTY_SERIES)).toEqual({ kind: 'stale', sinceMs: T0 });
  });
});

describe('latestValue', () => {
  it('is the newest point held, or null for an empty series', () => {
    expect(latestValue(seriesFromColumns([T0 + MINUTE, T0], [2, 1]))).toEqual({ t: T0 + MINUTE, v: 2 });
    expect(latestValue(EMPTY_SERIES)).toBeNull();
  });
});

/** uPlot's own definition: the instant's wall clock in the zone, parsed back as local fields. */
function reference(epochMs: number, zone: string): Date {
  return new Date(new Date(epochMs).toLocaleString('en-US', { timeZone: zone }));
}

describe('zonedDate: the wall clock a time axis reads, as uPlot.tzDate gives it', () => {
  const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'UTC'];
  // Every 7 minutes across London's and New York's spring-forward weekends and Sydney's autumn change.
  const instants: number[] = [];
  for (const start of [Date.UTC(2026, 2, 7, 0), Date.UTC(2026, 2, 28, 0), Date.UTC(2026, 3, 4, 0)]) {
    for (let t = start; t < start + 3 * 24 * 60 * MINUTE; t += 7 * MINUTE) instants.push(t);
  }

  for (const zone of zones) {
    it(`matches toLocaleString in ${zone}, across its DST changes`, () => {
      const date = zonedDate(zone);
      const mismatches = instants.filter((t) => date(t / 1000).getTime() !== reference(t, zone).getTime());
      expect(mismatches.map((t) => new Date(t).toISOString())).toEqual([]);
    });
  }

  it('London skips 01:00–02:00 on 29 March 2026: 00:59 GMT is followed by 02:00 BST', () => {
    const date = zonedDate('Europe/London');
    expect(date(Date.UTC(2026, 2, 29, 0, 59) / 1000).getHours()).toBe(0);
    expect(date(Date.UTC(2026, 2, 29, 1, 0) / 1000).getHours()).toBe(2);
  });
});
