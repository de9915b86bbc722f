import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';

const context = { transport: 'browser' as const, connectionId: 'test' };
let host: Host;
const events: Array<{ event: EventName; payload: unknown }> = [];

beforeAll(async () => {
  // A rehearsal of the demo at Friday 10:55 London: simulated metrics on a clock that only moves when told.
  ({ host } = await createConsole({ rehearsalStart: Date.parse('2026-03-13T10:55:00Z') }));
  host.onEvent((event, payload) => events.push({ event, payload }));
});
afterAll(async () => {
  await host.close();
});

describe('metrics through the API contract', () => {
  it('answers getMetrics for the demo with simulated history for every region × metric', async () => {
    await host.invoke('pollMetricsNow', {}, context);
    const result = await host.invoke('getMetrics', {}, context);
    expect(result.ok).toBe(true);
    const snapshot = result.ok ? (result.value as { source: string; series: Array<{ t: number[] }>; cost: { metricsPerPoll: number } }) : null;
    expect(snapshot?.source).toBe('simulated');
    expect(snapshot?.series).toHaveLength(11 * 8);
    expect(snapshot?.series.every((series) => series.t.length > 0)).toBe(true);
    // Metric math is computed by CloudWatch, not billed: 6 requested metrics of 8 per region.
    expect(snapshot?.cost.metricsPerPoll).toBe(11 * 6);
    expect(events.some((event) => event.event === 'metricsUpdate')).toBe(true);
  });

  it('switches a rehearsal scenario on for a region and refuses a region the workspace does not have', async () => {
    const set = await host.invoke('setScenario', { regionId: 'EUW2', scenario: 'errorSpike' }, context);
    expect(set).toMatchObject({ ok: true, value: { scenarios: [{ regionId: 'EUW2', scenario: 'errorSpike', rolledBackMs: null }] } });
    const unknown = await host.invoke('checkHealthGate', { regionId: 'MARS1', minutes: 5 }, context);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const malformed = await host.invoke('setScenario', { regionId: 'EUW2', scenario: 'meteor' }, context);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('keeps the gate closed before a baseline exists and returns seed 001’s table for a region', async () => {
    const gate = await host.invoke('checkHealthGate', { regionId: 'EUC1', minutes: 5 }, context);
    expect(gate).toMatchObject({ ok: true, value: { healthy: false } });
    const table = await host.invoke('getVerificationTable', { regionId: 'EUC1' }, context);
    expect(table.ok && (table.value as { text: string }).text.split('\n')[0]).toMatch(/^Metric +\| Baseline +\| Current +\| Delta +\| Status$/);
  });
});
