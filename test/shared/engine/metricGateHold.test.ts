import { beforeAll, describe, expect, test } from 'vitest';
import { decide, type EngineState } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import type { RegionMetricFacts } from '../../../shared/engine/metricFacts';
import type { ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { stepsOf } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

/**
 * Issue 17, "Strategies as steps": seed 004's traffic shifts 10% → 50% → 100% with a metric gate between
 * them. The gate holds until its criteria have held continuously for its 15 minutes; a breach restarts
 * the count; and the next traffic step cannot start until the gate has held.
 */
const R = 'v1.2.3';
const MIN = 60_000;
// Tuesday 11:00 Pacific: inside seed 004's weekday window (10:00–16:00 PT), no freeze.
const WATCHING_FROM = at('2026-03-03T19:00:00Z');
const alice = { name: 'alice', role: 'engineer' };

let flags: Workspace;
beforeAll(async () => {
  flags = await loadTemplate('blue-green-feature-flags');
});

/** Every step before seed 004's 10% gate done, and the gate watching since WATCHING_FROM. */
function watching(): ConsoleState {
  const runbook = flags.runbooks.find((r) => r.id === 'blue-green-release')!;
  const steps = stepsOf(runbook);
  const before = steps.slice(0, steps.findIndex((s) => s.id === 'monitor-10'));
  const events: ReleaseEvent[] = before.map((s) => ({ type: 'stepFinished', actor: alice, at: WATCHING_FROM - MIN, release: R, step: s.id, region: s.regions ? (s.regions.ids as string[])[0]! : null, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  events.push({ type: 'stepStarted', actor: alice, at: WATCHING_FROM, release: R, step: 'monitor-10', region: 'production', retry: false, kind: 'metricGate' });
  return applyEvents(initialState(), events);
}

/** What main's poll says of production: fresh facts, healthy for the last `minutes` minutes. */
const facts = (now: number, minutes: number, detail = 'healthy'): Record<string, RegionMetricFacts> => ({ production: { at: now, periodMs: MIN, freshness: 'fresh', alerts: [], healthyMinutes: minutes, detail } });

const held: Intent = { kind: 'gateHeld', release: R, step: 'monitor-10', region: 'production' };
const shift50: Intent = { kind: 'startStep', release: R, step: 'shift-50', region: 'production' };
const ask = (intent: Intent, state: ConsoleState, now: number, metrics: Record<string, RegionMetricFacts>) => decide(intent, { ...state, metrics } as EngineState, now, alice, flags);

describe("seed 004's metric gate between the 10% and 50% shifts", () => {
  test('holds until the criteria have held for its 15 minutes, and the 50% shift waits for it', () => {
    const now = WATCHING_FROM + 10 * MIN;
    expect(ask(held, watching(), now, facts(now, 10))).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringMatching(/has held for 10 of 15 minutes/) });
    expect(ask(shift50, watching(), now, facts(now, 10))).toMatchObject({ allowed: false, message: expect.stringMatching(/Waits for "Watch error rate, latency and business metrics at 10% for 15 minutes" in production to be done/) });
  });

  test('a person cannot mark the gate done by hand', () => {
    const now = WATCHING_FROM + 10 * MIN;
    expect(ask({ kind: 'completeStep', release: R, step: 'monitor-10', region: 'production', outcome: 'done' }, watching(), now, facts(now, 10))).toMatchObject({ allowed: false, message: expect.stringMatching(/finishes by itself \(metricGate\)/) });
  });

  test('never passes on health from before it started watching', () => {
    const now = WATCHING_FROM + 14 * MIN;
    expect(ask(held, watching(), now, facts(now, 60))).toMatchObject({ allowed: false, message: expect.stringMatching(/has held for 14 of 15 minutes/) });
  });

  test('a breach restarts the hold: healthy again for 4 minutes after 20 watched is not enough', () => {
    const now = WATCHING_FROM + 20 * MIN;
    expect(ask(held, watching(), now, facts(now, 4, 'Error rate more than 0.5 points above baseline until 4 minutes ago'))).toMatchObject({ allowed: false, message: expect.stringMatching(/has held for 4 of 15 minutes: Error rate more than 0\.5 points/) });
  });

  test('once held for 15 minutes the gate is done and the 50% shift may start', () => {
    const now = WATCHING_FROM + 15 * MIN;
    const decision = ask(held, watching(), now, facts(now, 15));
    expect(decision).toMatchObject({ allowed: true, events: expect.arrayContaining([expect.objectContaining({ type: 'gateHeld', step: 'monitor-10', region: 'production', minutes: 15 })]) });
    if (!decision.allowed) return;
    const after = applyEvents(watching(), decision.events);
    expect(ask(shift50, after, now, facts(now, 15))).toMatchObject({ allowed: true, events: expect.arrayContaining([expect.objectContaining({ type: 'stepStarted', step: 'shift-50', region: 'production' })]) });
  });
});

describe('a gate whose last step to finish is its metric gate', () => {
  /** Seed 004's production gate cut after the 10% gate, moving its handovers to "Rollout Complete" when it completes. */
  function endsWithTheGate(): Workspace {
    const runbooks = flags.runbooks.map((runbook) => {
      if (runbook.id !== 'blue-green-release') return runbook;
      const gates = runbook.gates.map((gate) => {
        if (gate.id !== 'production') return gate;
        const upTo = gate.steps.findIndex((s) => s.id === 'monitor-10');
        return { ...gate, steps: gate.steps.slice(0, upTo + 1), movesHandoversTo: 'Rollout Complete' };
      });
      return { ...runbook, gates };
    });
    return { ...flags, runbooks };
  }

  test('moves the handovers when it holds, as a tick finishing the gate would', () => {
    const workspace = endsWithTheGate();
    const now = WATCHING_FROM + 15 * MIN;
    const state = watching();
    const deployed = { ...state, world: { ...state.world, deployed: { production: { 'api-service': 'v1.2.3' } } } };
    const decision = decide(held, { ...deployed, metrics: facts(now, 15) } as EngineState, now, alice, workspace);
    expect(decision.allowed ? decision.events.filter((e) => e.type === 'handoverMoved' || e.type === 'handoverHeld').map((e) => (e.type === 'handoverMoved' ? `${e.handover} → ${e.to}` : e.type === 'handoverHeld' ? e.reason : '')) : decision.message).toEqual([
      'HO-123 → Rollout Complete',
    ]);
  });
});
