import { describe, expect, it } from 'vitest';
import { deliveryFacts } from '../../../shared/delivery/facts';
import { deliveryReport } from '../../../shared/delivery/report';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import { generateDeliveryHistory } from '../../../main/delivery/demo-history';
import { loadTemplate } from '../../shared/loadTemplate';

const until = Date.parse('2026-03-16T00:00:00Z');

describe("the demo's generated delivery history", () => {
  it('is the same every time, valid events, with deployments, failures and restores to show', async () => {
    const workspace = await loadTemplate('demo');
    const events = generateDeliveryHistory({ workspace, until, releases: 34 });
    expect(generateDeliveryHistory({ workspace, until, releases: 34 })).toEqual(events);
    for (const event of events) expect(ReleaseEvent.safeParse(event).success).toBe(true);
    expect(events.every((e) => e.at < until)).toBe(true);
    const report = deliveryReport(deliveryFacts(events), { environment: 'production', package: null, since: until - 17 * 7 * 86_400_000, until }, workspace.delivery);
    expect(report.counts.deployments).toBeGreaterThan(34);
    expect(report.counts.failedChanges).toBeGreaterThan(0);
    expect(report.counts.restores).toBeGreaterThan(0);
    expect(report.metrics.every((m) => m.value !== null)).toBe(true);
  });

  it('leaves every package it touched at the version the workspace says runs now, so the demo starts from it', async () => {
    const workspace = await loadTemplate('demo');
    const world = applyEvents(initialState(), generateDeliveryHistory({ workspace, until, releases: 34 })).world;
    const current = new Map(workspace.releases.flatMap((r) => r.handovers.flatMap((h) => h.packages.flatMap((p) => (p.currentVersion ? [[p.name, p.currentVersion] as const] : [])))));
    const touched = Object.entries(world.deployed).flatMap(([region, packages]) => Object.entries(packages).map(([name, version]) => ({ region, name, version })));
    expect(touched.length).toBeGreaterThan(0);
    for (const { name, version } of touched) expect(version).toBe(current.get(name));
  });
});

describe('writing the demo history', () => {
  it('writes into an empty live folder once, and never over a record that is already there', async () => {
    const { mkdtempSync, mkdirSync, readdirSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const { writeDemoHistory } = await import('../../../main/delivery/demo-history');
    const { readDeliveryFacts } = await import('../../../main/delivery/log-facts');
    const { systemClock } = await import('../../../shared/clock');
    const workspace = await loadTemplate('demo');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dora-history-'));
    const live = path.join(dataDir, 'live');
    expect(await writeDemoHistory(workspace, live, until, systemClock())).toBe(true);
    const facts = await readDeliveryFacts(dataDir);
    expect('error' in facts ? facts.error : facts.deployments.length).toBeGreaterThan(34);
    expect(await writeDemoHistory(workspace, live, until, systemClock())).toBe(false);
    // A state file from before the log is the demo's own record: the console migrates it, the history stays out.
    const legacy = path.join(dataDir, 'legacy', 'live');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(path.join(legacy, 'state.json'), '{"version":1}');
    expect(await writeDemoHistory(workspace, legacy, until, systemClock())).toBe(false);
    expect(readdirSync(legacy)).toEqual(['state.json']);
  });
});
