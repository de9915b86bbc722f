import { beforeAll, describe, expect, test } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { decide } from '../../../shared/engine/decide';
import type { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { liveRelease, progressOf } from '../../../shared/engine/live';
import type { RegionMetricFacts } from '../../../shared/engine/metricFacts';
import { emptyReleaseRecord, type Actor, type ConsoleState } from '../../../shared/engine/state';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { stepCommands } from '../../../shared/release/stepCommands';
import type { Release, Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

/**
 * Issue 17, "Seed 000 is not quite right": each test names the line of seed 000 (shared/seeds/000_*) it
 * holds the demo workspace to, decided by the engine as the console's loop asks it.
 */
const P = '2026-03-product-rollout';
const CAI = '2026-03-cai-release';
const E = '2026-03-emergency-sip';
const alice: Actor = { name: 'alice', role: 'PE' };
const olu: Actor = { name: 'olu', role: 'on-call PE' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const releaseOf = (id: string): Release => demo.releases.find((r) => r.id === id)!;
const done = (release: string, step: string, region: string | null, when: number): ReleaseEvent => ({ type: 'stepFinished', actor: alice, at: when, release, step, region, outcome: 'done', cause: 'tick', note: null, exitCode: null });
const withMaintenance = (state: ConsoleState, region: string): ConsoleState => ({ ...state, world: { ...state.world, maintenance: { ...state.world.maintenance, [region]: true } } });

/** Every instance of the release done but the listed steps, finished an hour before `when`. */
function doneExcept(releaseId: string, open: string[], when: number): ConsoleState {
  const release = releaseOf(releaseId);
  const state = initialState();
  const events = computeStepStates({ workspace: demo, release, progress: progressOf(emptyReleaseRecord(), state.world), now: when })
    .filter((s) => !open.includes(s.stepId))
    .map((s) => done(releaseId, s.stepId, s.region, when - 3_600_000));
  return applyEvents(state, events);
}

function stateOfStep(releaseId: string, state: ConsoleState, step: string, region: string | null, when: number) {
  const release = liveRelease(releaseOf(releaseId), state.releases[releaseId] ?? emptyReleaseRecord());
  const record = state.releases[releaseId] ?? emptyReleaseRecord();
  return computeStepStates({ workspace: demo, release, progress: progressOf(record, state.world), now: when }).find((s) => s.stepId === step && s.region === region)!.state;
}

describe('seed 000, "CAI Releases"', () => {
  // Thursday 12 March 2026, 10:00 London: not Friday afternoon.
  const THURSDAY = at('2026-03-12T10:00:00Z');

  test('"CAI-Eligible Packages (Deploy Any Time) | terraform-bedrock | Not required": the CAI release puts no region in maintenance mode for them', () => {
    const step = demo.runbooks.find((r) => r.id === 'cai-release')!.gates.flatMap((g) => g.steps).find((s) => s.id === 'cai-maintenance-on')!;
    const commands = stepCommands(demo, releaseOf(CAI), step, 'S01');
    expect(commands).toEqual({ ok: true, commandId: 'maintenance-enable', runs: [] });
  });

  test('"Packages Requiring Scheduled Release ... require Maintenance Mode": with transcribed in the release, maintenance mode goes on', () => {
    const cai = releaseOf(CAI);
    const withTranscribed: Release = { ...cai, handovers: [...cai.handovers, { ...releaseOf(P).handovers.find((h) => h.id === 'HO-1240')! }] };
    const step = demo.runbooks.find((r) => r.id === 'cai-release')!.gates.flatMap((g) => g.steps).find((s) => s.id === 'cai-maintenance-on')!;
    const commands = stepCommands(demo, withTranscribed, step, 'S01');
    expect(commands.ok && commands.runs.map((r) => r.argv.join(' '))).toEqual([expect.stringMatching(/^maintenance enable .*S01/)]);
  });

  test('"Deploy Any Time" terraform-bedrock is its own step and never waits for routing policies\' "Friday Afternoon Only"', () => {
    const state = doneExcept(CAI, ['cai-deploy-any-time', 'cai-deploy-friday-afternoon', 'cai-deploy-scheduled', 'cai-check-versions', 'cai-metric-gate', 'cai-maintenance-off'], THURSDAY);
    const anyTime = stateOfStep(CAI, state, 'cai-deploy-any-time', 'S01', THURSDAY);
    expect(anyTime).toMatchObject({ status: 'ready' });
    const anyTimeRuns = stepCommands(demo, releaseOf(CAI), demo.runbooks.find((r) => r.id === 'cai-release')!.gates.flatMap((g) => g.steps).find((s) => s.id === 'cai-deploy-any-time')!, 'S01');
    expect(anyTimeRuns.ok && anyTimeRuns.runs.map((r) => r.values.package)).toEqual(['terraform-bedrock']);

    const friday = stateOfStep(CAI, state, 'cai-deploy-friday-afternoon', 'S01', THURSDAY);
    expect(friday.status).toBe('blocked');
    expect(friday.status === 'blocked' && friday.reasons.join(' ')).toMatch(/Deploying routing-policies \(CAI-eligible, Friday afternoon only\) opens/);
    // Friday 13 March, 12:30 London: routing policies' afternoon.
    expect(stateOfStep(CAI, state, 'cai-deploy-friday-afternoon', 'S01', at('2026-03-13T12:30:00Z'))).toMatchObject({ status: 'ready' });
  });
});

describe('seed 000, Gate 5: "Final check-versions | PE | Friday 09:00 GMT"', () => {
  const THURSDAY_EVENING = at('2026-03-19T18:35:00Z');
  const FRIDAY_0900 = at('2026-03-20T09:00:00Z');

  test('the final check-versions does not run on Thursday at 18:35, and opens on Friday at 09:00 London', () => {
    const state = doneExcept(P, ['final-check-versions', 'mark-rollout-complete'], THURSDAY_EVENING);
    const thursday = stateOfStep(P, state, 'final-check-versions', null, THURSDAY_EVENING);
    expect(thursday.status).toBe('blocked');
    expect(thursday.status === 'blocked' && thursday.reasons.join(' ')).toMatch(/opens Fri from 09:00|Fri.*09:00/);
    expect(decide({ kind: 'startStep', release: P, step: 'final-check-versions', region: null }, { ...state, metrics: {} }, THURSDAY_EVENING, alice, demo)).toMatchObject({ allowed: false, code: 'blocked' });
    expect(stateOfStep(P, state, 'final-check-versions', null, FRIDAY_0900)).toMatchObject({ status: 'ready' });
  });

  test('"Mark CR as Rollout Complete | Friday 09:00": it cannot be marked straight after a Thursday check', () => {
    // Even with the check recorded on Thursday evening (before this rule), the CR is marked on Friday from 09:00.
    const state = applyEvents(doneExcept(P, ['final-check-versions', 'mark-rollout-complete'], THURSDAY_EVENING), [done(P, 'final-check-versions', null, THURSDAY_EVENING)]);
    const mark: Intent = { kind: 'completeStep', release: P, step: 'mark-rollout-complete', region: null, outcome: 'done' };
    expect(decide(mark, { ...state, metrics: {} }, THURSDAY_EVENING + 60_000, alice, demo)).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringContaining('opens on Fri after 09:00 London') });
    expect(decide(mark, { ...state, metrics: {} }, FRIDAY_0900, alice, demo)).toMatchObject({ allowed: true });
  });
});

describe('seed 000, "Missing guards": a deploy ran in S02 during an active "immediate" p99 breach', () => {
  const MORNING = at('2026-03-19T10:55:00Z');
  const p99: MetricsAlert = { id: 'S02/immediate-p99', regionId: 'S02', criterionId: 'immediate-p99', level: 'immediate', title: 'p99 latency above 2000 ms', metricId: 'latencyP99', value: 2600, threshold: 2000, sinceMs: MORNING - 120_000, handovers: [], action: 'Roll back', active: true };
  const facts = (alerts: MetricsAlert[]): RegionMetricFacts => ({ at: MORNING, periodMs: 60_000, freshness: 'fresh', alerts, healthyMinutes: 0, detail: 'breaching' });
  const deploy: Intent = { kind: 'startStep', release: P, step: 'sdc-deploy', region: 'S02' };

  test('the deploy is refused in S02 while the immediate criterion is breached, and allowed once it clears', () => {
    const state = withMaintenance(doneExcept(P, ['sdc-deploy', 'sdc-check-versions', 'sdc-metric-gate', 'sdc-maintenance-off', 'qa-post-rollout', 'final-check-versions', 'mark-rollout-complete'], MORNING), 'S02');
    expect(decide(deploy, { ...state, metrics: { S02: facts([p99]) } }, MORNING, alice, demo)).toMatchObject({
      allowed: false,
      code: 'blocked',
      reasons: [expect.stringContaining('S02 is breaching an immediate rollback criterion (p99 latency above 2000 ms)')],
    });
    // A "consider" breach is a judgement for the PE, not a refusal.
    expect(decide(deploy, { ...state, metrics: { S02: facts([{ ...p99, level: 'consider' }]) } }, MORNING, alice, demo)).toMatchObject({ allowed: true });
    expect(decide(deploy, { ...state, metrics: { S02: facts([]) } }, MORNING, alice, demo)).toMatchObject({ allowed: true });
  });
});

describe('seed 000, "Emergency Releases": one override covers the emergency\'s steps in one region', () => {
  // Friday 13 March, 15:00 London: EUW2's RT window opens at 18:00 ("EUW2 / EUC1 | After 18:00 GMT").
  const AFTERNOON = at('2026-03-13T15:00:00Z');

  function approvedEmergency(): ConsoleState {
    return applyEvents(initialState(), [
      done(E, 'emergency-form', null, AFTERNOON - 600_000),
      done(E, 'consult-on-call', null, AFTERNOON - 600_000),
      done(E, 'raise-rm-netops', null, AFTERNOON - 600_000),
      done(E, 'emergency-baseline', 'EUW2', AFTERNOON - 300_000),
      done(E, 'emergency-baseline', 'USE2', AFTERNOON - 300_000),
    ]);
  }

  test('the on-call PE grants it once for maintenance-on in EUW2, and the deploy there needs no second override', () => {
    const before = approvedEmergency();
    const override: Intent = { kind: 'overrideStep', release: E, step: 'emergency-maintenance-on', region: 'EUW2', reason: 'SIP proxy crash loop', approvers: [olu] };
    const granted = decide(override, { ...before, metrics: {} }, AFTERNOON, alice, demo);
    expect(granted).toMatchObject({ allowed: true, events: [{ type: 'overrideGranted' }] });
    const after = withMaintenance(applyEvents(applyEvents(before, granted.allowed ? granted.events : []), [done(E, 'emergency-maintenance-on', 'EUW2', AFTERNOON + 60_000)]), 'EUW2');

    expect(stateOfStep(E, after, 'emergency-deploy', 'EUW2', AFTERNOON + 120_000)).toMatchObject({ status: 'ready', override: { stepId: 'emergency-maintenance-on', region: 'EUW2' } });
    expect(decide({ kind: 'startStep', release: E, step: 'emergency-deploy', region: 'EUW2' }, { ...after, metrics: {} }, AFTERNOON + 120_000, alice, demo)).toMatchObject({ allowed: true });
    // Only in that region: USE2's window (before 14:00) is still closed there, and its own override is still asked for.
    expect(stateOfStep(E, after, 'emergency-maintenance-on', 'USE2', AFTERNOON + 120_000)).toMatchObject({ status: 'blocked' });
  });
});

describe('seed 000, Gate 5: "Mark CR as Rollout Complete": handover statuses move when the gate completes', () => {
  const FRIDAY_0900 = at('2026-03-20T09:00:00Z');
  const TARGETS = ['S01', 'S02', 'LON', 'USE2', 'USW2', 'APSE1', 'APSE2', 'GLOBAL', 'NEXUS', 'EUW2', 'EUC1'];
  const HO_1234 = { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' };
  const HO_1240 = { transcribed: '3.5.0', 'stats-transcribed': '1.9.1' };

  test('HO-1234, deployed in every target region, moves to "Rollout Complete"; HO-1240, not in EUC1, stays with the reason', () => {
    const base = doneExcept(P, ['mark-rollout-complete'], FRIDAY_0900);
    const deployed = Object.fromEntries(TARGETS.map((r) => [r, { ...HO_1234, ...(r === 'EUC1' ? {} : HO_1240) }]));
    const state: ConsoleState = { ...base, world: { maintenance: {}, deployed } };
    const decision = decide({ kind: 'completeStep', release: P, step: 'mark-rollout-complete', region: null, outcome: 'done' }, { ...state, metrics: {} }, FRIDAY_0900, alice, demo);
    expect(decision.allowed).toBe(true);
    const events = decision.allowed ? decision.events : [];
    expect(events.map((e) => e.type)).toEqual(['stepFinished', 'handoverMoved', 'handoverHeld']);
    expect(events[1]).toMatchObject({ handover: 'HO-1234', from: 'Ready for Production', to: 'Rollout Complete' });
    expect(events[2]).toMatchObject({ handover: 'HO-1240', status: 'Ready for Production', reason: 'HO-1240 stays "Ready for Production": "Gate 5: Production Rollout Complete" completed, but its packages do not run at their new versions in EUC1.' });
    // HO-1242 failed PE review: it never moves with the gate.
    expect(events.some((e) => 'handover' in e && e.handover === 'HO-1242')).toBe(false);
    const after = applyEvents(state, events);
    expect(after.releases[P]?.handovers['HO-1240']).toMatchObject({ status: 'Ready for Production', held: expect.stringContaining('EUC1') });
  });
});
