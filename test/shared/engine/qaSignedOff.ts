// Seed 000's "Testing Failure" as the engine tests set it up: the rollout signed off by QA the evening before,
// then a QA item failed the morning after. Shared by reopenedSignOff.test.ts and testingFailure.test.ts.
import { decide } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { progressOf } from '../../../shared/engine/live';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import { computeStepStates } from '../../../shared/engine/stepStates';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at } from '../loadTemplate';

export const R = '2026-03-product-rollout';
export const SIGNED = at('2026-03-19T20:00:00Z');
export const FAILED = at('2026-03-20T08:30:00Z');
export const LATER = at('2026-03-20T09:05:00Z');
export const alice = { name: 'alice', role: 'PE' };
export const quinn = { name: 'quinn', role: 'QA' };
const QA_ITEMS = 11;

export const engine = (state: ConsoleState) => ({ ...state, metrics: {} });

export const tick = (n: number, outcome: 'pass' | 'fail', note?: string): Intent => ({ kind: 'tickQaItem', release: R, itemId: `qa-post-rollout#${n}`, outcome, ...(note ? { note } : {}) });

/** The scene in the demo workspace `demo`: each function decides through the real engine and folds the events. */
export function qaSignedOffScene(demo: Workspace) {
  function through(state: ConsoleState, intents: Array<[Intent, number, { name: string; role: string }]>): ConsoleState {
    let next = state;
    for (const [intent, now, actor] of intents) {
      const decision = decide(intent, engine(next), now, actor, demo);
      if (!decision.allowed) throw new Error(`${intent.kind} refused in setup: ${decision.message}`);
      next = applyEvents(next, decision.events);
    }
    return next;
  }

  /** The rollout as signed off the evening before: every step but `open` done, QA's checklist passed and signed by quinn, HO-1234 everywhere. */
  function signedOff(open: string[]): ConsoleState {
    const release = demo.releases.find((r) => r.id === R)!;
    const state = initialState();
    const done: ReleaseEvent[] = computeStepStates({ workspace: demo, release, progress: progressOf(emptyReleaseRecord(), state.world), now: SIGNED })
      .filter((s) => s.kind !== 'approval' && s.kind !== 'soak' && !open.includes(s.stepId))
      .map((s) => ({ type: 'stepFinished', actor: s.stepId === 'qa-post-rollout' ? quinn : alice, at: SIGNED, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
    const everywhere = Object.fromEntries(demo.regions.map((r) => [r.id, { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' }]));
    const deployed = { ...state, world: { ...state.world, deployed: everywhere } };
    const passed = through(deployed, Array.from({ length: QA_ITEMS }, (_, i) => [tick(i + 1, 'pass'), SIGNED - 60_000, quinn] as [Intent, number, typeof quinn]));
    return applyEvents(passed, done);
  }

  /** The morning after: quinn fails "Regression". */
  const failedAfterSignOff = (state: ConsoleState) => through(state, [[tick(2, 'fail', 'calls drop after transfer'), FAILED, quinn]]);

  return { through, signedOff, failedAfterSignOff };
}
