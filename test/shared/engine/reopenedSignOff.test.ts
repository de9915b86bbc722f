// Seed 000's "Testing Failure": QA finds a problem after signing the rollout off. The failure reopens the
// sign-off (qaAfterSignOff.test.ts); these are the rules that hold the rest of the release on it.
import { beforeAll, describe, expect, test } from 'vitest';
import { decide, stepVerdict } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, recordOf } from '../../../shared/engine/fold';
import { wordsWithInstants } from '../../../shared/instantWords';
import type { Intent } from '../../../shared/engine/intents';
import { progressOf } from '../../../shared/engine/live';
import { doneBeforeReopen } from '../../../shared/engine/reopenedSignOff';
import type { ConsoleState } from '../../../shared/engine/state';
import { computeStepStates } from '../../../shared/engine/stepStates';
import type { Workspace } from '../../../shared/workspace/workspace';
import { loadTemplate } from '../loadTemplate';
import { FAILED, LATER, R, SIGNED, alice, engine, qaSignedOffScene, quinn, tick } from './qaSignedOff';
import { refusalWords } from '../../../renderer/format/refusal';

const REOPENED = 'Testing failure: QA\'s sign-off “QA post-rollout testing” was reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: “Regression” was failed after “QA post-rollout testing” was done: calls drop after transfer.';

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const through = (state: ConsoleState, intents: Array<[Intent, number, { name: string; role: string }]>, workspace = demo) => qaSignedOffScene(workspace).through(state, intents);
const signedOff = (open: string[], workspace = demo) => qaSignedOffScene(workspace).signedOff(open);
const failedAfterSignOff = (state: ConsoleState, workspace = demo) => qaSignedOffScene(workspace).failedAfterSignOff(state);

describe('a step after a reopened sign-off', () => {
  test.each([
    ['the step right after it (a command, started)', 'final-check-versions', 'startStep'],
    ['a step after that one (ticked by hand)', 'mark-rollout-complete', 'completeStep'],
  ] as const)('%s is refused, and the refusal names the reopened sign-off: who, when, which item and why', (_, stepId, kind) => {
    const state = failedAfterSignOff(signedOff(['final-check-versions', 'mark-rollout-complete']));
    const verdict = stepVerdict({ release: R, step: stepId, region: null }, engine(state), LATER, alice, demo);
    expect(verdict.allowed).toBe(false);
    expect('reasons' in verdict ? verdict.reasons : []).toContain(REOPENED);
    const intent: Intent = kind === 'startStep' ? { kind, release: R, step: stepId, region: null } : { kind, release: R, step: stepId, region: null, outcome: 'done' };
    const refused = decide(intent, engine(state), LATER, alice, demo);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.message).toContain(REOPENED);
    // When it was reopened goes with the words that name it, for a desk to read in its own zone.
    if (!refused.allowed) expect(refused.instants).toEqual([{ at: Date.parse('2026-03-20T08:30:00Z'), words: 'Fri 20 Mar, 08:30 UTC' }]);
  });

  // The step between them was done before the reopen: the one after it is still held, by the sign-off, not by a wait.
  test('is refused when the steps between them were done before the reopen, naming the sign-off', () => {
    const state = failedAfterSignOff(signedOff(['mark-rollout-complete']));
    const refused = decide({ kind: 'completeStep', release: R, step: 'mark-rollout-complete', region: null, outcome: 'done' }, engine(state), LATER, alice, demo);
    expect(refused.allowed ? 'allowed' : refused.reasons).toContain(REOPENED);
  });

  test('is refused without a word of reopening while the sign-off was never given: it only waits for it', () => {
    const state = signedOff(['qa-post-rollout', 'final-check-versions', 'mark-rollout-complete']);
    const verdict = stepVerdict({ release: R, step: 'final-check-versions', region: null }, engine(state), LATER, alice, demo);
    expect(verdict.allowed).toBe(false);
    expect(('reasons' in verdict ? verdict.reasons : []).join(' ')).not.toMatch(/reopened/);
  });

  test('waits on nothing of it once the checklist passes again and QA signs off again', () => {
    const again = through(failedAfterSignOff(signedOff(['final-check-versions', 'mark-rollout-complete'])), [
      [tick(2, 'pass', 'retested after the fix'), LATER, quinn],
      [{ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, LATER, quinn],
    ]);
    const verdict = stepVerdict({ release: R, step: 'final-check-versions', region: null }, engine(again), LATER, alice, demo);
    expect(('reasons' in verdict ? verdict.reasons : []).join(' ')).not.toMatch(/reopened/);
  });
});

describe('the move that says the rollout is complete', () => {
  const toComplete: Intent = { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Rollout Complete' };

  test('is refused while QA\'s sign-off stands reopened, saying so', () => {
    const state = failedAfterSignOff(signedOff(['final-check-versions', 'mark-rollout-complete']));
    const decision = decide(toComplete, engine(state), LATER, alice, demo);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.code).toBe('blocked');
      expect(decision.message).toBe(`HO-1234 cannot move to "Rollout Complete" until QA signs “QA post-rollout testing” off again. ${REOPENED}`);
      // The words name when QA reopened it in UTC, as the log reads it; a desk in New York reads it on its own clock.
      expect(decision.instants).toEqual([{ at: Date.parse('2026-03-20T08:30:00Z'), words: 'Fri 20 Mar, 08:30 UTC' }]);
      expect(refusalWords(decision, 'America/New_York')).toContain("was reopened by quinn (QA) at Fri 20 Mar, 04:30 New York: “Regression” was failed");
    }
  });

  test('is the PE\'s to make once QA has signed off again', () => {
    const again = through(failedAfterSignOff(signedOff(['final-check-versions', 'mark-rollout-complete'])), [
      [tick(2, 'pass', 'retested after the fix'), LATER, quinn],
      [{ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, LATER, quinn],
    ]);
    const decision = decide(toComplete, engine(again), LATER, alice, demo);
    expect(decision.allowed ? decision.events.map((e) => e.type) : decision.message).toEqual(['handoverMoved']);
  });

  test('other moves are not held by it: the on-call PE may still start the rollback the failure calls for', () => {
    const state = failedAfterSignOff(signedOff(['final-check-versions', 'mark-rollout-complete']));
    const decision = decide({ kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Production Rollback Required' }, engine(state), LATER, { name: 'olu', role: 'on-call PE' }, demo);
    expect(decision.allowed ? 'allowed' : decision.message).toBe('allowed');
  });
});

describe('steps done after the sign-off, before it was reopened', () => {
  test('stay done in the record and are each named as done before the reopen; steps before the sign-off are not', () => {
    const state = failedAfterSignOff(signedOff([]));
    const record = state.releases[R]!;
    const release = demo.releases.find((r) => r.id === R)!;
    const runbook = demo.runbooks.find((r) => r.id === release.runbook)!;
    const states = computeStepStates({ workspace: demo, release, progress: progressOf(record, state.world), now: LATER });
    expect(states.filter((s) => ['final-check-versions', 'mark-rollout-complete'].includes(s.stepId)).map((s) => s.state.status)).toEqual(['done', 'done']);
    expect(Object.fromEntries(doneBeforeReopen(runbook, progressOf(record, state.world)))).toEqual({
      'final-check-versions@*': { signOff: 'QA post-rollout testing', at: FAILED },
      'mark-rollout-complete@*': { signOff: 'QA post-rollout testing', at: FAILED },
    });
  });

  test('are no longer named once QA signs off again', () => {
    const again = through(failedAfterSignOff(signedOff([])), [
      [tick(2, 'pass', 'retested after the fix'), LATER, quinn],
      [{ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, LATER, quinn],
    ]);
    const release = demo.releases.find((r) => r.id === R)!;
    const runbook = demo.runbooks.find((r) => r.id === release.runbook)!;
    expect(doneBeforeReopen(runbook, progressOf(again.releases[R]!, again.world)).size).toBe(0);
  });
});

describe('a later gate that completes while the sign-off stands reopened', () => {
  /**
   * Seed 000's gates 4 and 5 apart: QA signs the rollout off as tested in one gate, and the next gate, whose last
   * step is the final check-versions, marks the CR "Rollout Complete". The check was started after the sign-off
   * and exits 0 after QA failed "Regression".
   */
  function signOffGateApart(): Workspace {
    const runbook = demo.runbooks.find((r) => r.id === demo.releases.find((rel) => rel.id === R)!.runbook)!;
    const [gate] = runbook.gates;
    const tested = { ...gate!, id: 'qa-tested', title: 'Gate 4: QA tested', movesHandoversTo: undefined, steps: gate!.steps.filter((s) => s.id !== 'final-check-versions' && s.id !== 'mark-rollout-complete') };
    const complete = { ...gate!, steps: gate!.steps.filter((s) => s.id === 'final-check-versions') };
    return { ...demo, runbooks: demo.runbooks.map((r) => (r === runbook ? { ...r, gates: [tested, complete] } : r)) };
  }

  const checking: ReleaseEvent = { type: 'stepStarted', actor: alice, at: SIGNED, release: R, step: 'final-check-versions', region: null, retry: false, kind: 'command' };
  const exited: Intent = {
    kind: 'commandExited',
    release: R,
    step: 'final-check-versions',
    region: null,
    commandId: 'rmht-check-versions',
    argv: ['rmht', 'check-versions'],
    values: {},
    outcome: { started: true, exitCode: 0, signal: null, startedAt: SIGNED, endedAt: LATER, transcriptFile: null, outputTail: '' },
    last: true,
  };

  test('moves the handovers once QA has passed the item and signed off again', () => {
    const workspace = signOffGateApart();
    const again = through(failedAfterSignOff(applyEvents(signedOff(['final-check-versions'], workspace), [checking]), workspace), [
      [tick(2, 'pass', 'retested after the fix'), LATER, quinn],
      [{ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, LATER, quinn],
    ], workspace);
    const decision = decide(exited, engine(again), LATER, alice, workspace);
    expect(decision.allowed ? decision.events.filter((e) => e.type === 'handoverMoved').map((e) => (e.type === 'handoverMoved' ? `${e.handover} → ${e.to}` : '')) : decision.message).toEqual(['HO-1234 → Rollout Complete', 'HO-1240 → Rollout Complete']);
  });

  test('moves no handover to "Rollout Complete", and the record says it waits for QA to sign off again', () => {
    const workspace = signOffGateApart();
    const state = failedAfterSignOff(applyEvents(signedOff(['final-check-versions'], workspace), [checking]), workspace);
    const decision = decide(exited, engine(state), LATER, alice, workspace);
    expect(decision.allowed).toBe(true);
    const events = decision.allowed ? decision.events : [];
    expect(events.filter((e) => e.type === 'handoverMoved')).toEqual([]);
    expect(events.filter((e) => e.type === 'handoverHeld').map((e) => (e.type === 'handoverHeld' ? e.reason : ''))).toEqual(
      ['HO-1234', 'HO-1240'].map((ho) => `${ho} stays "Ready for Production": "Gate 5: Production Rollout Complete" completed, but ${ho} cannot move to "Rollout Complete" until QA signs “QA post-rollout testing” off again. ${REOPENED}`),
    );
  });

  // Before: the held record carried no instants, and a desk in New York read "at Fri 20 Mar, 08:30 UTC" on the board.
  test('the record carries when QA reopened the sign-off beside its words, and a desk in New York reads it on its own clock', () => {
    const workspace = signOffGateApart();
    const state = failedAfterSignOff(applyEvents(signedOff(['final-check-versions'], workspace), [checking]), workspace);
    const decision = decide(exited, engine(state), LATER, alice, workspace);
    const held = decision.allowed ? decision.events.filter((e) => e.type === 'handoverHeld') : [];
    expect(held.map((e) => (e.type === 'handoverHeld' ? e.instants : []))).toEqual([[{ at: FAILED, words: 'Fri 20 Mar, 08:30 UTC' }], [{ at: FAILED, words: 'Fri 20 Mar, 08:30 UTC' }]]);
    const record = recordOf(applyEvents(state, decision.allowed ? decision.events : []), R).handovers['HO-1234']!;
    expect(wordsWithInstants(record.held!, record.heldInstants, 'America/New_York')).toContain('was reopened by quinn (QA) at Fri 20 Mar, 04:30 New York: “Regression” was failed');
  });
});
