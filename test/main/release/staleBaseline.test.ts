// Issue 17, "An EUW2 baseline taken 5.5 hours before the deploy was used with no staleness warning": in a
// rehearsal of the demo (metrics.yaml baselineMaxAgeMinutes: 60), through the real console, the real demo
// tools in a real pty, the simulated metrics and the log on disk.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView, Result, StepView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { demoToolsAtFullSpeed } from './demo-console';

// What is refused and shown is tested, not how long the demo's tools take: their pauses are for people.
demoToolsAtFullSpeed();
const context = { transport: 'browser' as const, connectionId: 'stale-baseline' };
const PRODUCTION = '2026-03-product-rollout';
const START = Date.parse('2026-03-19T10:35:00Z'); // 10:35 London, in the SDC/LON slot (10:00–12:00)
let host: Host | null = null;

async function invoke<T>(name: string, payload: unknown): Promise<Result<T>> {
  return (await host!.invoke(name, payload, context)) as Result<T>;
}
async function call<T>(name: string, payload: unknown): Promise<T> {
  const result = await invoke<T>(name, payload);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}
const stepOf = async (key: string) => (await call<ReleaseView>('getReleaseView', {})).gates.flatMap((g) => g.steps).find((s) => s.key === key)!;

/** The step once it is in `state`, polled through the view; a step that fails instead stops the wait at once, with its reasons. */
async function reached(key: string, state: StepView['state']): Promise<StepView> {
  const seen = await until(`${key} to be ${state}`, () => stepOf(key), (step) => step.state === state || step.state === 'failed', 10_000);
  if (seen.state !== state) throw new Error(`${seen.key} failed: ${seen.reasons.join(' ')}`);
  return seen;
}

afterEach(async () => {
  await host?.close();
  host = null;
});

describe('a stale baseline in a rehearsal of the demo', () => {
  it('refuses S01’s deploy 61 minutes after its baseline, shows the baseline stale, and deploys once "Retake baseline" took a fresh one', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-stale-baseline-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: START, operator: { name: 'alice', role: 'PE' } }));
    await call('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call('setOperator', { name: 'bob', role: 'PE' });
    await call('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    const baseline = { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' };
    await call('startStep', baseline);
    expect((await reached('sdc-baseline@S01', 'done')).baseline).toMatchObject({ age: '0 min', limitMinutes: 60, stale: false });
    await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' });
    await reached('sdc-maintenance-on@S01', 'done');

    await call('moveRehearsalClock', { advanceMs: 61 * 60_000 });
    const deploy = { releaseId: PRODUCTION, stepId: 'sdc-deploy', regionId: 'S01' };
    const refused = await invoke('startStep', deploy);
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('The baseline for S01 was taken 1 h 1 min ago, older than this workspace\'s 60 minutes') } });
    expect(await stepOf('sdc-deploy@S01')).toMatchObject({ state: 'blocked', reasons: [expect.stringContaining('"Retake baseline" on "Capture baseline — SDC/LON (~11:00 London)"')] });
    expect((await stepOf('sdc-baseline@S01')).baseline).toMatchObject({ age: '1 h 1 min', stale: true });

    await call('retakeBaseline', baseline);
    expect((await reached('sdc-baseline@S01', 'done')).baseline).toMatchObject({ age: '0 min', stale: false });
    await call('startStep', deploy);
    await reached('sdc-deploy@S01', 'done');

    // The log keeps both baselines: the retake's event names the one it replaced, and the new capture follows.
    const events = logEvents(rehearsalDir(dataDir)) as unknown as Array<{ type: string; region?: string; at: number; previous?: Array<{ endMs: number }>; baselines?: Array<{ endMs: number }> }>;
    const captures = events.filter((e) => e.type === 'baselinesCaptured' && e.region === 'S01');
    const retake = events.find((e) => e.type === 'baselineRetakeStarted');
    expect(captures).toHaveLength(2);
    expect(retake?.previous?.map((b) => b.endMs)).toEqual(captures[0]!.baselines!.map((b) => b.endMs));
    expect(captures[1]!.baselines![0]!.endMs - captures[0]!.baselines![0]!.endMs).toBeGreaterThanOrEqual(61 * 60_000);
    const refusal = events.find((e) => e.type === 'refused' && JSON.stringify(e).includes('1 h 1 min ago'));
    expect(refusal).toBeDefined();
  });
});
