// Issue 14, point 4: maintenance mode and the versions running in a region belong to the region. A
// maintenance step run by one release shows on every release's pane, through the real services, the real
// demo tools in a real pty, and the log on disk.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView, Result, StepView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { logEntries, logEvents, rehearsalDir } from '../../release-log';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import { until } from '../until';
import { demoToolsAtFullSpeed } from './demo-console';

// What the panes show and the log holds is tested, not how long the demo's tools take: their pauses are for people.
demoToolsAtFullSpeed();
const context = { transport: 'browser' as const, connectionId: 'world' };
const PRODUCTION = '2026-03-product-rollout';
const EMERGENCY = '2026-03-emergency-sip';
let host: Host | null = null;

async function call<T>(name: string, payload: unknown): Promise<T> {
  const result = (await host!.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The step once it is in `state`; a step that fails instead stops the wait at once, with its reasons. */
async function reached(step: () => Promise<StepView>, state: StepView['state']): Promise<StepView> {
  const seen = await until(`the step to be ${state}`, step, (read) => read.state === state || read.state === 'failed', 10_000);
  if (seen.state !== state) throw new Error(`${seen.key} failed: ${seen.reasons.join(' ')}`);
  return seen;
}

afterEach(async () => {
  await host?.close();
  host = null;
});

describe('the world per region', () => {
  it("shows maintenance put on by the product release on the emergency release's pane too, and logs the effect first", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-world-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    await call('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call('setOperator', { name: 'bob', role: 'PE' });
    await call('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    const ref = { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' };
    await call('startStep', ref);
    const stepOf = async () => (await call<ReleaseView>('getReleaseView', {})).gates.flatMap((g) => g.steps).find((s) => s.key === 'sdc-maintenance-on@S01')!;
    await reached(stepOf, 'done');

    const product = await call<ReleaseView>('getReleaseView', {});
    expect(product.regions.find((r) => r.id === 'S01')!.maintenance).toEqual({ on: true, redirectedTo: 'S02' });
    await call('selectRelease', { releaseId: EMERGENCY });
    const emergency = await call<ReleaseView>('getReleaseView', {});
    expect(emergency.release.id).toBe(EMERGENCY);
    expect(emergency.regions.find((r) => r.id === 'S01')!.maintenance).toEqual({ on: true, redirectedTo: 'S02' });
    expect(emergency.regions.find((r) => r.id === 'S02')!.maintenance.on).toBe(false);

    // The log has the command's exit with its effect, before the step's end; the snapshot has the world.
    const log = (logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; step: string | null; data: Record<string, unknown> }[]);
    const exit = log.findIndex((e) => e.kind === 'command' && e.step === 'sdc-maintenance-on');
    const end = log.findIndex((e, i) => i > exit && e.kind === 'tick' && e.step === 'sdc-maintenance-on');
    expect(exit).toBeGreaterThan(-1);
    expect(log[exit]!.data.effects).toEqual([{ kind: 'maintenance', region: 'S01', on: true }]);
    expect(end).toBeGreaterThan(exit);
    // The fold of the log alone has the world, and no release keeps its own copy.
    const snapshot = applyEvents(initialState(), logEvents(rehearsalDir(dataDir))) as { world: { maintenance: Record<string, boolean> }; releases: Record<string, Record<string, unknown>> };
    expect(snapshot.world.maintenance).toEqual({ S01: true });
    expect(snapshot.releases[PRODUCTION]!.maintenance).toBeUndefined();
  });
});
