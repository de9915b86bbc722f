import { beforeAll, describe, expect, test } from 'vitest';
import type { Baseline } from '../../../shared/api/metrics';
import { decide, stepVerdict, type EngineState } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { progressOf } from '../../../shared/engine/live';
import { instanceKey } from '../../../shared/engine/progress';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

/**
 * Issue 17, "An EUW2 baseline taken 5.5 hours before the deploy was used with no staleness warning": seed 000
 * takes the first EU region's baseline after SDC/LON (~12:30 London) and deploys it after 18:00 London.
 */
const R = '2026-03-product-rollout';
const DEPLOY_AT = at('2026-03-19T18:05:00Z'); // 18:05 London (GMT until 29 March)
const MIN = 60_000;
const alice = { name: 'alice', role: 'PE' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function baselinesAt(endMs: number, region = 'EUW2'): Baseline[] {
  return ['errorRate', 'latencyP99', 'throughput'].map((metricId) => ({ regionId: region, metricId, startMs: endMs - 15 * MIN, endMs, mean: 1, p50: 1, p95: 1, max: 1, count: 15 }));
}

/** Every step before EUW2's deploy done, EUW2 in maintenance mode, and its baseline captured at `takenAt`. */
function readyToDeployEuw2(takenAt: number): ConsoleState {
  const release = demo.releases.find((r) => r.id === R)!;
  const open = new Set(['eu-first-deploy', 'eu-first-check-versions', 'eu-first-metric-gate', 'eu-first-maintenance-off']);
  const state = initialState();
  const finished: ReleaseEvent[] = computeStepStates({ workspace: demo, release, progress: progressOf(emptyReleaseRecord(), state.world), now: DEPLOY_AT })
    .filter((s) => !open.has(s.stepId) && !s.stepId.startsWith('eu-rest') && !s.stepId.startsWith('qa'))
    .map((s) => ({ type: 'stepFinished', actor: alice, at: takenAt, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  const captured: ReleaseEvent = { type: 'baselinesCaptured', actor: alice, at: takenAt, release: R, step: 'eu-first-baseline', region: 'EUW2', baselines: baselinesAt(takenAt), missing: [] };
  const next = applyEvents(state, [...finished, captured]);
  return { ...next, world: { ...next.world, maintenance: { ...next.world.maintenance, EUW2: true } } };
}

const engine = (state: ConsoleState): EngineState => ({ ...state, metrics: {} });
const deployEuw2: Intent = { kind: 'startStep', release: R, step: 'eu-first-deploy', region: 'EUW2' };
const retakeEuw2: Intent = { kind: 'retakeBaseline', release: R, step: 'eu-first-baseline', region: 'EUW2' };

describe('a deploy needs a fresh baseline (demo: metrics.yaml baselineMaxAgeMinutes: 60)', () => {
  test.each([
    ['taken at 12:35, 5 h 30 min before', at('2026-03-19T12:35:00Z'), false, 'The baseline for EUW2 was taken 5 h 30 min ago, older than this workspace\'s 60 minutes: retake it with "Retake baseline" on "Capture baseline — first EU region (after 18:00 London)" before deploying.'],
    ['taken at 17:04, 61 minutes before', at('2026-03-19T17:04:00Z'), false, "The baseline for EUW2 was taken 1 h 1 min ago, older than this workspace's 60 minutes"],
    ['taken at 17:05, exactly 60 minutes before', at('2026-03-19T17:05:00Z'), true, null],
    ['taken at 17:50, 15 minutes before', at('2026-03-19T17:50:00Z'), true, null],
  ] as const)('EUW2 deploy with its baseline %s: allowed %s', (_name, takenAt, allowed, reason) => {
    const state = readyToDeployEuw2(takenAt);
    const decision = decide(deployEuw2, engine(state), DEPLOY_AT, alice, demo);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed && reason) {
      expect(decision.code).toBe('blocked');
      expect(decision.message).toContain(reason);
      // The view asks the same question and shows the same sentence.
      expect(stepVerdict({ release: R, step: 'eu-first-deploy', region: 'EUW2' }, engine(state), DEPLOY_AT, alice, demo)).toMatchObject({ allowed: false, state: 'blocked', reasons: [expect.stringContaining(reason)] });
    }
  });

  test('a workspace that sets no limit (seeds 001–004) never calls a baseline stale', () => {
    const unlimited = { ...demo, baselineMaxAgeMinutes: undefined };
    expect(decide(deployEuw2, engine(readyToDeployEuw2(at('2026-03-19T12:35:00Z'))), DEPLOY_AT, alice, unlimited).allowed).toBe(true);
  });

  test('the stale baseline is not overridable: the only way on is to retake it', () => {
    const state = readyToDeployEuw2(at('2026-03-19T12:35:00Z'));
    const decision = decide({ kind: 'overrideStep', release: R, step: 'eu-first-deploy', region: 'EUW2', reason: 'deploying anyway, baseline is old', approvers: [{ name: 'olu', role: 'on-call PE' }] }, engine(state), DEPLOY_AT, alice, demo);
    expect(decision.allowed).toBe(false);
  });
});

describe('"Retake baseline": a decided, logged intent that keeps the earlier baseline in the record', () => {
  test('retakes EUW2’s stale baseline, logs the one it replaces, and then lets the deploy start', () => {
    const earlier = at('2026-03-19T12:35:00Z');
    let state = readyToDeployEuw2(earlier);
    const retake = decide(retakeEuw2, engine(state), DEPLOY_AT, alice, demo);
    if (!retake.allowed) throw new Error(retake.message);
    expect(retake.events).toEqual([expect.objectContaining({ type: 'baselineRetakeStarted', step: 'eu-first-baseline', region: 'EUW2', previous: baselinesAt(earlier) })]);
    state = applyEvents(state, retake.events);
    expect(state.releases[R]?.steps[instanceKey('eu-first-baseline', 'EUW2')]).toMatchObject({ status: 'running', by: 'alice' });
    // While it captures, the deploy waits for it as for any earlier step.
    expect(decide(deployEuw2, engine(state), DEPLOY_AT, alice, demo).allowed).toBe(false);

    const captured = decide({ kind: 'baselineCaptured', release: R, step: 'eu-first-baseline', region: 'EUW2', baselines: baselinesAt(DEPLOY_AT), missing: [] }, engine(state), DEPLOY_AT, alice, demo);
    if (!captured.allowed) throw new Error(captured.message);
    state = applyEvents(state, captured.events);
    expect(state.releases[R]?.baselines.filter((b) => b.regionId === 'EUW2').map((b) => b.endMs)).toEqual([DEPLOY_AT, DEPLOY_AT, DEPLOY_AT]);
    expect(decide(deployEuw2, engine(state), DEPLOY_AT + MIN, alice, demo).allowed).toBe(true);
  });

  test.each([
    ['a step that is not a baseline', { kind: 'retakeBaseline', release: R, step: 'eu-first-deploy', region: 'EUW2' }, '"Deploy — first EU region (after 18:00 London)" in EUW2 is a command step; only a baseline step is retaken.'],
    ['a baseline step not yet taken', { kind: 'retakeBaseline', release: R, step: 'eu-rest-baseline', region: 'EUC1' }, 'has no baseline to retake yet: start it.'],
  ] as const)('refuses %s, saying why', (_name, intent, message) => {
    const decision = decide(intent, engine(readyToDeployEuw2(at('2026-03-19T12:35:00Z'))), DEPLOY_AT, alice, demo);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.message).toContain(message);
  });
});
