import { expect, test } from 'vitest';
import type { MetricsSnapshot, Result } from '../../../shared/api';
import { logEvents } from '../../release-log';
import { teamWorkspace } from './console-desks';
import { deskValue, until } from './desk-calls';
import { teamOfDesks } from './team-of-desks';

/**
 * A drill is decided and logged like any other intent, and every desk on the rehearsal follows it: the PE starts
 * an error spike in S01 at their desk, and the on-call engineer, at theirs, sees the same drill and the same
 * breaching numbers from the same instant, so both rehearse one incident. Before, a drill lived in one desk's
 * simulator: the on-call desk saw healthy graphs, and the log had no word of the drill.
 */
const team = teamOfDesks();
const context = { transport: 'browser' as const, connectionId: 'test' };

const errorRateOf = (snapshot: MetricsSnapshot, after: number) => {
  const metric = snapshot.metrics.find((m) => m.label === 'Error rate')!;
  const series = snapshot.series.find((s) => s.regionId === 'S01' && s.metricId === metric.id)!;
  return series.t.flatMap((t, i) => (t >= after ? [[t, series.v[i]!] as const] : []));
};

test("a drill started at the PE's desk runs at the on-call desk too, from the same instant, and is in the log", async () => {
  const { dir } = await teamWorkspace(team.admin);
  const [pe, onCall] = [await team.open(dir, 'pe-priya'), await team.open(dir, 'oncall-carol')];
  expect((await deskValue<MetricsSnapshot>(onCall, 'getMetrics', {})).scenarios).toEqual([]);
  const pushed: MetricsSnapshot['scenarios'][] = [];
  onCall.host.onEvent((event, payload) => event === 'metricsUpdate' && pushed.push((payload as { scenarios: MetricsSnapshot['scenarios'] }).scenarios));

  const { scenarios } = await deskValue<{ scenarios: MetricsSnapshot['scenarios'] }>(pe, 'setScenario', { regionId: 'S01', scenario: 'errorSpike' });
  expect(scenarios).toEqual([{ regionId: 'S01', scenario: 'errorSpike', startedMs: expect.any(Number), rolledBackMs: null }]);
  const startedMs = scenarios![0]!.startedMs;

  // The on-call desk's windows are told at once, not at its next poll.
  await until('the on-call desk told of the drill', () => pushed.at(-1), (s) => (s?.length ?? 0) > 0);
  expect(pushed.at(-1)).toEqual(scenarios);
  expect((await deskValue<MetricsSnapshot>(onCall, 'getMetrics', {})).scenarios).toEqual(scenarios);

  // Both desks' numbers breach from the drill on, and are the same numbers.
  await deskValue(pe, 'moveRehearsalClock', { advanceMs: 5 * 60_000 });
  const spiked = (snapshot: MetricsSnapshot) => errorRateOf(snapshot, startedMs + 60_000);
  const peSeen = await until("the PE desk's spike", () => deskValue<MetricsSnapshot>(pe, 'pollMetricsNow', {}).then(() => deskValue<MetricsSnapshot>(pe, 'getMetrics', {})), (s) => spiked(s).length >= 4);
  const onCallSeen = await until("the on-call desk's spike", () => deskValue<MetricsSnapshot>(onCall, 'pollMetricsNow', {}).then(() => deskValue<MetricsSnapshot>(onCall, 'getMetrics', {})), (s) => spiked(s).length >= 4);
  // Healthy before the drill (the demo's error rate is near 0.1%); past the 5% rollback line once it has risen.
  const before = errorRateOf(onCallSeen, startedMs - 30 * 60_000).filter(([t]) => t < startedMs);
  expect(Math.max(...before.map(([, v]) => v))).toBeLessThan(1);
  expect(Math.max(...spiked(onCallSeen).map(([, v]) => v))).toBeGreaterThan(5);
  expect(spiked(onCallSeen).slice(0, 4)).toEqual(spiked(peSeen).slice(0, 4));

  // The same drill again, from the other desk, is refused: it would move the breach's start.
  const again = (await onCall.host.invoke('setScenario', { regionId: 'S01', scenario: 'errorSpike' }, context)) as Result<unknown>;
  expect(again.ok).toBe(false);
  if (!again.ok) expect(again.error.message).toMatch(/^S01's error spike drill is already running, started by pe-priya\S* \(PE\); choose Healthy to end it\.$/);

  // The record: who started the drill, when, where.
  const drills = logEvents(onCall.dataDir).filter((e) => e.type === 'drillSet');
  expect(drills).toEqual([expect.objectContaining({ region: 'S01', scenario: 'errorSpike', at: startedMs, actor: expect.objectContaining({ name: expect.stringMatching(/^pe-priya/) }) })]);
}, 120_000);
