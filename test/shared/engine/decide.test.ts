import { beforeAll, describe, expect, test } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { decide, refusalEvent, stepVerdict, type EngineState } from '../../../shared/engine/decide';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent, IntentKind } from '../../../shared/engine/intents';
import type { RegionMetricFacts } from '../../../shared/engine/metricFacts';
import { computeStepStates } from '../../../shared/engine/stepStates';
import { liveRelease, progressOf } from '../../../shared/engine/live';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { rollbackAnnouncementLines, type AnnouncementInput } from '../../../shared/release/exports';
import { summarizeEvent } from '../../../shared/history/entrySummary';
import { at, loadTemplate } from '../loadTemplate';

const R = '2026-03-product-rollout';
const MORNING = at('2026-03-19T10:55:00Z');
const alice = { name: 'alice', role: 'PE' };
const bob = { name: 'bob', role: 'PE' };
const quinn = { name: 'quinn', role: 'QA' };
const oncall = { name: 'olu', role: 'on-call PE' };

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function engine(state: ConsoleState, metrics: Record<string, RegionMetricFacts> = {}): EngineState {
  return { ...state, metrics };
}

/** Applies intents in order through `decide`, as the console's loop does; each must be allowed. */
function through(state: ConsoleState, steps: Array<[Intent, number?, { name: string; role: string }?]>, workspace = demo): ConsoleState {
  let next = state;
  for (const [intent, now = MORNING, actor = alice] of steps) {
    const decision = decide(intent, engine(next), now, actor, workspace);
    if (!decision.allowed) throw new Error(`${intent.kind} refused in setup: ${decision.message}`);
    next = applyEvents(next, decision.events);
  }
  return next;
}

/** HO-1234's rollback, confirmed by the on-call PE, with its first command running. */
/** The first command of HO-1234's rollback in LON, the one rollbackRunningItsFirstCommand runs: a Stop names it. */
const FIRST_ROLLBACK_STEP = 'LON/maintenance-on/';

function rollbackRunningItsFirstCommand(): ConsoleState {
  const state = through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]);
  const first = state.releases[R]!.rollbacks['HO-1234']!.steps[0]!;
  return through(state, [[{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: first.id }, MORNING, oncall]]);
}

/** The region in maintenance mode, as the maintenance step left it (seed 000: RT packages need it to deploy). */
const inMaintenance = (state: ConsoleState, region: string): ConsoleState => ({ ...state, world: { ...state.world, maintenance: { ...state.world.maintenance, [region]: true } } });

/** HO-1234's packages running at their new versions in S01, as its deploy left them. */
const deployedInS01 = (state: ConsoleState): ConsoleState => ({
  ...state,
  world: { ...state.world, deployed: { ...state.world.deployed, S01: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } } },
});

/** A command step just started, every step before it done. */
const running = (step: string, region: string) => started(step, region);

/** Every step of the release marked done except the listed ones: the shape of a release well under way. */
function doneExcept(open: string[]): ConsoleState {
  const release = demo.releases.find((r) => r.id === R)!;
  const state = initialState();
  const events: ReleaseEvent[] = computeStepStates({ workspace: demo, release, progress: progressOf(emptyReleaseRecord(), state.world), now: MORNING })
    .filter((s) => !open.includes(s.stepId))
    .map((s) => ({ type: 'stepFinished', actor: alice, at: MORNING - 3_600_000, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  return applyEvents(state, events);
}

const reviewed = () => through(initialState(), [[{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }], [{ kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, MORNING, bob]]);
function started(step: string, region: string): ConsoleState {
  const base = doneExcept([step, 'sdc-metric-gate', 'sdc-maintenance-off', 'qa-post-rollout']);
  return applyEvents(base, [{ type: 'stepStarted', actor: alice, at: MORNING - 10 * 60_000, release: R, step, region, retry: false, kind: 'command' }]);
}

const healthy = (overrides: Partial<RegionMetricFacts> = {}): RegionMetricFacts => ({ at: MORNING, periodMs: 60_000, freshness: 'fresh', alerts: [], healthyMinutes: 30, detail: 'healthy', ...overrides });

const breach: MetricsAlert = { id: 'LON/immediate-error-rate', regionId: 'LON', criterionId: 'immediate-error-rate', level: 'immediate', title: 'Error rate above 5%', metricId: 'errorRate', value: 7.5, threshold: 5, sinceMs: MORNING - 120_000, handovers: ['HO-1234'], action: 'Roll back HO-1234', active: true };

/** HO-1234 running in LON, as the console's own deploys left it. */
function deployedInLon(): ConsoleState {
  const state = initialState();
  return { ...state, world: { maintenance: {}, deployed: { LON: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } } } };
}

/** HO-1234's rollback in LON, every step done, ended at MORNING. */
function rolledBackLon(): ConsoleState {
  const state = through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]);
  const run = state.releases[R]!.rollbacks['HO-1234']!;
  const done = { ...run, status: 'done' as const, endedAt: MORNING, steps: run.steps.map((step) => ({ ...step, state: 'done' as const })) };
  return applyEvents(state, [{ type: 'rollbackChanged', actor: oncall, at: MORNING, release: R, region: null, step: null, intent: 'rollbackFinished', detail: {}, run: done }]);
}

interface Row {
  name: string;
  kind: IntentKind;
  state: () => ConsoleState;
  intent: Intent;
  now?: number;
  actor?: { name: string; role: string };
  metrics?: Record<string, RegionMetricFacts>;
  workspace?: () => Workspace;
  /** Allowed: the event types, in order. Refused: the code and a pattern of the message. */
  expect: { events: ReleaseEvent['type'][] } | { code: string; message: RegExp };
}

/** The demo workspace with HO-1234's gateway version one the workspace's version pattern rejects. */
function unfillable(): Workspace {
  return {
    ...demo,
    releases: demo.releases.map((r) => (r.id !== R ? r : { ...r, handovers: r.handovers.map((ho) => (ho.id !== 'HO-1234' ? ho : { ...ho, packages: ho.packages.map((p) => (p.name === 'rt-media-gateway' ? { ...p, newVersion: '4.13.0;reboot' } : p)) })) })),
  };
}

const rows: Row[] = [
  { name: 'starting a step before its prerequisites is blocked, naming them', kind: 'startStep', state: initialState, intent: { kind: 'startStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, expect: { code: 'blocked', message: /Waits for "Capture baseline/ } },
  { name: 'starting a ready baseline logs its start', kind: 'startStep', state: reviewed, intent: { kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }, expect: { events: ['stepStarted'] } },
  { name: 'starting a step in a closed window is blocked until 18:00 London', kind: 'startStep', state: () => doneExcept(['eu-first-maintenance-on', 'eu-first-deploy']), intent: { kind: 'startStep', release: R, step: 'eu-first-maintenance-on', region: 'EUW2' }, now: at('2026-03-19T17:30:00Z'), expect: { code: 'blocked', message: /after 18:00 London \(17:30 now\)/ } },
  { name: 'starting a command that cannot be filled is blocked before anything is logged as started', kind: 'startStep', state: () => inMaintenance(doneExcept(['sdc-deploy']), 'S01'), workspace: unfillable, intent: { kind: 'startStep', release: R, step: 'sdc-deploy', region: 'S01' }, expect: { code: 'blocked', message: /4\.13\.0;reboot/ } },
  { name: 'starting a running step is a conflict', kind: 'startStep', state: () => started('sdc-maintenance-on', 'S01'), intent: { kind: 'startStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, expect: { code: 'conflict', message: /already running/ } },
  { name: 'a manual step, the release\'s first, is marked done after the release\'s definition is logged (issue 19)', kind: 'completeStep', state: initialState, intent: { kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }, expect: { events: ['releaseDefined', 'stepFinished'] } },
  { name: 'a command step cannot be marked by hand', kind: 'completeStep', state: reviewed, intent: { kind: 'completeStep', release: R, step: 'sdc-maintenance-on', region: 'S01', outcome: 'done' }, expect: { code: 'conflict', message: /finishes by itself/ } },
  { name: 'a QA-owned step is not done while its checklist is open', kind: 'completeStep', state: () => doneExcept(['qa-post-rollout']), actor: quinn, intent: { kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, expect: { code: 'blocked', message: /needs its QA checklist passed first: Feature functionality/ } },
  {
    name: 'a QA-owned step is done once every checklist line passed',
    kind: 'completeStep',
    state: () => through(deployedInS01(doneExcept(['qa-post-rollout'])), Array.from({ length: 11 }, (_, i) => [{ kind: 'tickQaItem', release: R, itemId: `qa-post-rollout#${i + 1}`, outcome: 'pass' }, MORNING, quinn] as [Intent, number, typeof quinn])),
    actor: quinn,
    intent: { kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' },
    // Its tick completes gate 5 (every other step is done here): HO-1234 (in S01 only) and HO-1240 (nowhere) stay, with the reason.
    expect: { events: ['stepFinished', 'handoverHeld', 'handoverHeld'] },
  },
  { name: 'the author of the CR cannot approve it', kind: 'approveStep', state: () => through(initialState(), [[{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }]]), intent: { kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, expect: { code: 'blocked', message: /alice did "PE writes Production CR instructions" and cannot also approve/ } },
  { name: 'a second PE approves the CR', kind: 'approveStep', state: () => through(initialState(), [[{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }]]), actor: bob, intent: { kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, expect: { events: ['approvalGiven'] } },
  { name: 'QA cannot give a PE approval', kind: 'approveStep', state: () => through(initialState(), [[{ kind: 'completeStep', release: R, step: 'write-prod-cr', region: null, outcome: 'done' }]]), actor: quinn, intent: { kind: 'approveStep', release: R, step: 'review-prod-cr', region: null }, expect: { code: 'blocked', message: /needs approval from PE, not QA/ } },
  { name: 'a product release step cannot be overridden', kind: 'overrideStep', state: reviewed, intent: { kind: 'overrideStep', release: R, step: 'eu-first-maintenance-on', region: 'EUW2', reason: 'escalation', approvers: [oncall] }, expect: { code: 'blocked', message: /./ } },
  { name: 'a QA tick is recorded', kind: 'tickQaItem', state: () => deployedInS01(initialState()), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass', link: 'https://ci.example.com/run/1' }, expect: { events: ['qaTicked'] } },
  { name: 'a QA tick that changes nothing keeps who ticked it', kind: 'tickQaItem', state: () => through(deployedInS01(initialState()), [[{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, MORNING, quinn]]), actor: { name: 'sam', role: 'QA' }, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, expect: { code: 'conflict', message: /^“Feature functionality” is already passed by quinn \(QA\) at 10:55 UTC\.$/ } },
  // Issue 17's owner rule on QA items: a pass or a fail is the word of the item's owner.
  { name: 'a PE cannot pass a QA-owned checklist item', kind: 'tickQaItem', state: () => deployedInS01(initialState()), intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, expect: { code: 'blocked', message: /^Only QA may pass, fail or reopen the items of “QA post-rollout testing”; you are PE\.$/ } },
  { name: 'a passed QA item is not passed again (it would rewrite who passed it)', kind: 'tickQaItem', state: () => through(deployedInS01(initialState()), [[{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, MORNING, quinn]]), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, expect: { code: 'conflict', message: /is already passed by quinn \(QA\) at 10:55 UTC\./ } },
  { name: 'a passed QA item is reopened by QA', kind: 'tickQaItem', state: () => through(deployedInS01(initialState()), [[{ kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, MORNING, quinn]]), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'open' }, expect: { events: ['qaTicked'] } },
  { name: 'a QA tick with a script link is bad input, named with the item it was for', kind: 'tickQaItem', state: initialState, actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass', link: 'javascript:alert(1)' }, expect: { code: 'invalid_request', message: /^The evidence link for “Feature functionality” must start with http:\/\/ or https:\/\/; it was not recorded\.$/ } },
  { name: 'a QA tick of an unknown item is not found', kind: 'tickQaItem', state: initialState, intent: { kind: 'tickQaItem', release: R, itemId: 'nope#1', outcome: 'pass' }, expect: { code: 'not_found', message: /no QA item nope#1/ } },
  // A step has instances where its runbook lays it out; any other has no rules to check, so nothing is decided for it.
  { name: 'a tick of a step in a region it does not run in is not found', kind: 'completeStep', state: initialState, intent: { kind: 'completeStep', release: R, step: 'mark-rollout-complete', region: 'S01', outcome: 'done' }, expect: { code: 'not_found', message: /does not run in S01: it runs once, for the release/ } },
  { name: 'an approval in a region the step does not run in is not found', kind: 'approveStep', state: initialState, actor: bob, intent: { kind: 'approveStep', release: R, step: 'review-prod-cr', region: 'LON' }, expect: { code: 'not_found', message: /does not run in LON/ } },
  { name: 'a per-region step named without its region is not found', kind: 'startStep', state: initialState, intent: { kind: 'startStep', release: R, step: 'sdc-baseline', region: null }, expect: { code: 'not_found', message: /runs in each of its regions \(S01, S02, LON\); name one/ } },
  { name: 'a legal handover move is logged', kind: 'transitionHandover', state: () => deployedInS01(initialState()), intent: { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Rollout Complete' }, expect: { events: ['handoverMoved'] } },
  // Seed 000, "Missing guards": "A handover moves to Rollout Complete with nothing deployed."
  { name: 'seed 000 gate 5: a handover with nothing deployed cannot move to Rollout Complete', kind: 'transitionHandover', state: initialState, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Rollout Complete' }, expect: { code: 'blocked', message: /HO-1234 cannot move to "Rollout Complete": none of its packages runs at its new version in any region/ } },
  // Seed 000, gate 5: "QA post-rollout testing (if required) | QA | After EU deploy".
  { name: 'seed 000 gate 5 "QA post-rollout testing ... After EU deploy": no QA tick before anything is deployed', kind: 'tickQaItem', state: initialState, actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass' }, expect: { code: 'blocked', message: /nothing of 2026-03-product-rollout is deployed in any region yet/ } },
  // Seed 000's gate tables give each handover move to a role (workspaces/demo/releases.yaml handoverMoves).
  // Seed 000 gate 5's testing failure: a failure found after the QA sign-off reopens it, on record.
  { name: 'a QA item failed after its step was signed off reopens the step', kind: 'tickQaItem', state: () => deployedInS01(doneExcept([])), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'fail' }, expect: { events: ['qaTicked', 'stepReopened'] } },
  { name: 'a QA item passed after its step was signed off leaves the sign-off as it is', kind: 'tickQaItem', state: () => deployedInS01(doneExcept([])), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'pass', note: 'checked again' }, expect: { events: ['qaTicked'] } },
  // An item still open under a done step: a checklist line the workspace added after the sign-off (a reload mid-release).
  { name: "a note on a QA item still open, anyone's to add, does not reopen QA's sign-off", kind: 'tickQaItem', state: () => deployedInS01(doneExcept([])), actor: alice, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'open', note: 'seen on staging too' }, expect: { events: ['qaTicked'] } },
  { name: 'a QA item failed before the sign-off reopens nothing', kind: 'tickQaItem', state: () => deployedInS01(doneExcept(['qa-post-rollout'])), actor: quinn, intent: { kind: 'tickQaItem', release: R, itemId: 'qa-post-rollout#1', outcome: 'fail' }, expect: { events: ['qaTicked'] } },
  { name: 'seed 000 gate 2: a PE may not move a handover to "HO Peer Review", QA\'s move, and is told the seed\'s words', kind: 'transitionHandover', state: initialState, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1242', to: 'HO Peer Review' }, expect: { code: 'blocked', message: /^Only QA may move a handover to “HO Peer Review” \(seed 000 gate 2: “QA moves HO to "HO Peer Review" status”\); you are PE\.$/ } },
  { name: 'seed 000 gate 2: QA moves a handover to "HO Peer Review"', kind: 'transitionHandover', state: initialState, actor: quinn, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1242', to: 'HO Peer Review' }, expect: { events: ['handoverMoved'] } },
  { name: 'seed 000 gate 5: QA may not mark a handover "Rollout Complete", the PE\'s move', kind: 'transitionHandover', state: () => deployedInS01(initialState()), actor: quinn, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Rollout Complete' }, expect: { code: 'blocked', message: /^Only PE may move a handover to “Rollout Complete”.*; you are QA\.$/ } },
  { name: 'the on-call PE acts as a PE, so may mark a handover "Rollout Complete"', kind: 'transitionHandover', state: () => deployedInS01(initialState()), actor: oncall, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Rollout Complete' }, expect: { events: ['handoverMoved'] } },
  { name: 'a workspace that declares no handover moves leaves every legal move to anyone, as before', kind: 'transitionHandover', state: initialState, actor: { name: 'dee', role: 'dev' }, workspace: () => ({ ...demo, handoverMoves: [] }), intent: { kind: 'transitionHandover', release: R, handover: 'HO-1242', to: 'HO Peer Review' }, expect: { events: ['handoverMoved'] } },
  { name: 'an illegal handover move is blocked, naming the legal ones', kind: 'transitionHandover', state: initialState, intent: { kind: 'transitionHandover', release: R, handover: 'HO-1234', to: 'Draft' }, expect: { code: 'blocked', message: /cannot move from "Ready for Production" to "Draft"/ } },
  { name: 'selecting a release is logged', kind: 'selectRelease', state: initialState, intent: { kind: 'selectRelease', release: '2026-03-emergency-sip' }, expect: { events: ['releaseSelected'] } },
  { name: 'selecting an unknown release is not found', kind: 'selectRelease', state: initialState, intent: { kind: 'selectRelease', release: '__proto__' }, expect: { code: 'not_found', message: /no release __proto__/ } },
  { name: 'setting the operator is logged', kind: 'setOperator', state: initialState, intent: { kind: 'setOperator', operator: bob }, expect: { events: ['operatorSet'] } },
  { name: 'an export is logged', kind: 'exportEvidence', state: initialState, intent: { kind: 'exportEvidence', release: R, format: 'cr-markdown', filename: 'cr.md' }, expect: { events: ['evidenceExported'] } },
  { name: "the demo's switch to the live clock is logged with who asked", kind: 'switchDemoClock', state: initialState, intent: { kind: 'switchDemoClock', from: 'simulated', to: 'system', switchable: true }, expect: { events: ['demoClockSwitched'] } },
  { name: 'a console already switching does not switch again', kind: 'switchDemoClock', state: initialState, intent: { kind: 'switchDemoClock', from: 'simulated', to: 'system', switchable: true, switching: 'system' }, expect: { code: 'conflict', message: /already switching to the live clock/ } },
  { name: 'a rehearsal already being started over is not started over again', kind: 'startRehearsalOver', state: initialState, intent: { kind: 'startRehearsalOver', rehearsal: { start: MORNING }, archivedAt: MORNING, startingOver: true }, expect: { code: 'conflict', message: /already being started over/ } },
  { name: 'a console opened on a fixed clock does not switch it', kind: 'switchDemoClock', state: initialState, intent: { kind: 'switchDemoClock', from: 'simulated', to: 'system', switchable: false }, expect: { code: 'invalid_request', message: /restart the console to change its clock/ } },
  { name: 'a rehearsal clock moves forward', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: true, to: MORNING + 60_000 }, expect: { events: ['clockMoved'] } },
  { name: 'a rehearsal clock does not move back', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: true, to: MORNING - 60_000 }, expect: { code: 'blocked', message: /only moves forward/ } },
  { name: 'the real clock is not moved', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: false, to: MORNING + 60_000 }, expect: { code: 'conflict', message: /real clock/ } },
  { name: 'a clock move past 2100 is bad input', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: true, to: Date.UTC(2200, 0, 1) }, expect: { code: 'invalid_request', message: /between the years 2000 and 2100/ } },
  { name: 'a rehearsal clock moves a week at once', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: true, to: MORNING + 7 * 86_400_000 }, expect: { events: ['clockMoved'] } },
  { name: 'a rehearsal clock does not jump more than a week', kind: 'moveRehearsalClock', state: initialState, intent: { kind: 'moveRehearsalClock', rehearsal: true, to: MORNING + 7 * 86_400_000 + 1 }, expect: { code: 'invalid_request', message: /at most 7 days at a time/ } },
  { name: 'a drill starts on a region of a simulated console', kind: 'setDrill', state: initialState, intent: { kind: 'setDrill', simulated: true, region: 'S01', scenario: 'errorSpike' }, expect: { events: ['drillSet'] } },
  { name: 'a console reading CloudWatch runs no drill', kind: 'setDrill', state: initialState, intent: { kind: 'setDrill', simulated: false, region: 'S01', scenario: 'errorSpike' }, expect: { code: 'conflict', message: /reads CloudWatch, and its numbers are the real ones/ } },
  { name: 'a drill names a region of the workspace', kind: 'setDrill', state: initialState, intent: { kind: 'setDrill', simulated: true, region: 'MARS', scenario: 'errorSpike' }, expect: { code: 'not_found', message: /no region "MARS"/ } },
  { name: 'a region with no drill has none to end', kind: 'setDrill', state: initialState, intent: { kind: 'setDrill', simulated: true, region: 'S01', scenario: 'healthy' }, expect: { code: 'conflict', message: /^No drill runs on S01/ } },
  { name: 'a running drill ends', kind: 'setDrill', state: () => through(initialState(), [[{ kind: 'setDrill', simulated: true, region: 'S01', scenario: 'errorSpike' }]]), intent: { kind: 'setDrill', simulated: true, region: 'S01', scenario: 'healthy' }, expect: { events: ['drillSet'] } },
  { name: 'the drill already running is not started again, naming who started it', kind: 'setDrill', state: () => through(initialState(), [[{ kind: 'setDrill', simulated: true, region: 'S01', scenario: 'errorSpike' }]]), intent: { kind: 'setDrill', simulated: true, region: 'S01', scenario: 'errorSpike' }, expect: { code: 'conflict', message: /^S01's error spike drill is already running, started by alice \(PE\); choose Healthy to end it\.$/ } },
  { name: 'another drill replaces the one running', kind: 'setDrill', state: () => through(initialState(), [[{ kind: 'setDrill', simulated: true, region: 'S01', scenario: 'errorSpike' }]]), intent: { kind: 'setDrill', simulated: true, region: 'S01', scenario: 'dataOutage' }, expect: { events: ['drillSet'] } },
  { name: 'a rehearsal is started over, archived under its start and the archive time', kind: 'startRehearsalOver', state: initialState, intent: { kind: 'startRehearsalOver', rehearsal: { start: MORNING }, archivedAt: Date.UTC(2026, 10, 29, 0, 15) }, expect: { events: ['rehearsalStartedOver'] } },
  { name: 'the real clock has no rehearsal to start over', kind: 'startRehearsalOver', state: initialState, intent: { kind: 'startRehearsalOver', rehearsal: null, archivedAt: Date.UTC(2026, 10, 29, 0, 15) }, expect: { code: 'conflict', message: /only a rehearsal can be started over/ } },
  {
    name: "a command's successful exit records the run, its effect and the step's end",
    kind: 'commandExited',
    state: () => started('sdc-maintenance-on', 'S01'),
    intent: { kind: 'commandExited', release: R, step: 'sdc-maintenance-on', region: 'S01', commandId: 'maintenance-enable', argv: ['maintenance', 'enable', '--region', 'S01'], values: { region: 'S01' }, outcome: { started: true, exitCode: 0, signal: null, startedAt: MORNING - 1000, endedAt: MORNING, transcriptFile: null, outputTail: 'ok' }, last: true },
    expect: { events: ['commandExited', 'stepFinished'] },
  },
  {
    name: "a command's failed exit fails the step",
    kind: 'commandExited',
    state: () => started('sdc-maintenance-on', 'S01'),
    intent: { kind: 'commandExited', release: R, step: 'sdc-maintenance-on', region: 'S01', commandId: 'maintenance-enable', argv: ['maintenance', 'enable', '--region', 'S01'], values: {}, outcome: { started: true, exitCode: 3, signal: null, startedAt: MORNING - 1000, endedAt: MORNING, transcriptFile: null, outputTail: 'denied' }, last: true },
    expect: { events: ['commandExited', 'stepFinished'] },
  },
  { name: 'an exit for a step that is not running is a conflict', kind: 'commandExited', state: reviewed, intent: { kind: 'commandExited', release: R, step: 'sdc-maintenance-on', region: 'S01', commandId: 'maintenance-enable', argv: [], values: {}, outcome: { started: false, error: 'x' }, last: true }, expect: { code: 'conflict', message: /not running/ } },
  { name: 'a baseline with no data fails its step', kind: 'baselineCaptured', state: () => through(reviewed(), [[{ kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' }]]), intent: { kind: 'baselineCaptured', release: R, step: 'sdc-baseline', region: 'S01', baselines: [], missing: [{ regionId: 'S01', metricId: 'errorRate' }] }, expect: { events: ['baselinesCaptured', 'stepFinished'] } },
  { name: 'a metric gate that held for its minutes passes', kind: 'gateHeld', state: () => started('sdc-metric-gate', 'S01'), metrics: { S01: healthy() }, intent: { kind: 'gateHeld', release: R, step: 'sdc-metric-gate', region: 'S01' }, expect: { events: ['gateHeld'] } },
  { name: 'a metric gate never passes on stale facts', kind: 'gateHeld', state: () => started('sdc-metric-gate', 'S01'), metrics: { S01: healthy({ at: MORNING - 4 * 60_000 }) }, intent: { kind: 'gateHeld', release: R, step: 'sdc-metric-gate', region: 'S01' }, expect: { code: 'blocked', message: /stale/ } },
  { name: 'a metric gate does not pass on health from before it started watching', kind: 'gateHeld', state: () => applyEvents(started('sdc-metric-gate', 'S01'), [{ type: 'stepStarted', actor: alice, at: MORNING - 60_000, release: R, step: 'sdc-metric-gate', region: 'S01', retry: false, kind: 'metricGate' }]), metrics: { S01: healthy() }, intent: { kind: 'gateHeld', release: R, step: 'sdc-metric-gate', region: 'S01' }, expect: { code: 'blocked', message: /held for 1 of/ } },
  { name: 'a running command step may be stopped, and the stop is logged', kind: 'stopStep', state: () => started('sdc-maintenance-on', 'S01'), intent: { kind: 'stopStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, expect: { events: ['stepStopRequested'] } },
  { name: 'a step that is not running cannot be stopped', kind: 'stopStep', state: reviewed, intent: { kind: 'stopStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, expect: { code: 'conflict', message: /not running; there is nothing to stop/ } },
  { name: 'a watching metric gate is not stopped like a command', kind: 'stopStep', state: () => started('sdc-metric-gate', 'S01'), intent: { kind: 'stopStep', release: R, step: 'sdc-metric-gate', region: 'S01' }, expect: { code: 'conflict', message: /only a command step is stopped/ } },
  { name: 'a command running when the console stopped is failed as interrupted', kind: 'interrupted', state: () => started('sdc-maintenance-on', 'S01'), intent: { kind: 'interrupted', release: R, step: 'sdc-maintenance-on', region: 'S01' }, expect: { events: ['stepFinished'] } },
  { name: 'a breach is observed into the log', kind: 'breach', state: initialState, intent: { kind: 'breach', alert: breach }, expect: { events: ['breachObserved'] } },
  { name: 'a breach another desk logged first is not logged again', kind: 'breach', state: () => applyEvents(initialState(), [{ type: 'breachObserved', actor: alice, at: MORNING, region: 'LON', alertId: breach.id, title: breach.title, level: 'immediate', value: 7.5, threshold: 5, since: breach.sinceMs }]), intent: { kind: 'breach', alert: breach }, expect: { code: 'conflict', message: /already in the release log/ } },
  { name: 'a later breach of the same rule is logged again', kind: 'breach', state: () => applyEvents(initialState(), [{ type: 'breachObserved', actor: alice, at: MORNING, region: 'LON', alertId: breach.id, title: breach.title, level: 'immediate', value: 7.5, threshold: 5, since: breach.sinceMs - 3_600_000 }]), intent: { kind: 'breach', alert: breach }, expect: { events: ['breachObserved'] } },
  { name: 'a reconcile result is logged with its differences', kind: 'reconciled', state: initialState, intent: { kind: 'reconciled', region: 'EUW2', reported: { maintenance: true, deployed: null } }, expect: { events: ['reconciled'] } },
  { name: 'QA has no rollback authority in the demo workspace', kind: 'startRollback', state: deployedInLon, actor: quinn, intent: { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, expect: { code: 'blocked', message: /A rollback is run by on-call PE or PE; quinn is signed in as QA/ } },
  { name: 'a rollback needs the handover id typed exactly', kind: 'startRollback', state: deployedInLon, actor: oncall, intent: { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'ho-1234' }, expect: { code: 'blocked', message: /Type HO-1234 exactly/ } },
  { name: 'the on-call PE starts a rollback, moving the HO to its rollback status', kind: 'startRollback', state: deployedInLon, actor: oncall, intent: { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, expect: { events: ['rollbackChanged', 'handoverMoved'] } },
  { name: 'a rollback that has not stopped cannot be retried', kind: 'retryRollback', state: () => through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]), actor: oncall, intent: { kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, expect: { code: 'conflict', message: /Only a rollback that stopped on a failure can be retried/ } },
  { name: 'only the step a rollback stopped on can be skipped', kind: 'skipRollbackStep', state: () => through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]), actor: oncall, intent: { kind: 'skipRollbackStep', release: R, handover: 'HO-1234', stepId: 'LON/rollback/rt-media-gateway', reason: 'x' }, expect: { code: 'conflict', message: /can be skipped/ } },
  { name: 'a running rollback is asked to abort', kind: 'abortRollback', state: () => through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]), actor: oncall, intent: { kind: 'abortRollback', release: R, handover: 'HO-1234' }, expect: { events: ['rollbackChanged'] } },
  { name: 'the service is restored once the metrics held for the recovery duration after the rollback', kind: 'serviceRestored', state: rolledBackLon, now: MORNING + 6 * 60_000, actor: oncall, intent: { kind: 'serviceRestored', release: R, handover: 'HO-1234', at: MORNING + 6 * 60_000, healthySince: MORNING + 60_000 }, expect: { events: ['rollbackChanged'] } },
  { name: 'three healthy minutes do not restore the service (5 in the demo)', kind: 'serviceRestored', state: rolledBackLon, now: MORNING + 6 * 60_000, actor: oncall, intent: { kind: 'serviceRestored', release: R, handover: 'HO-1234', at: MORNING + 4 * 60_000, healthySince: MORNING + 60_000 }, expect: { code: 'invalid_request', message: /for 5 minutes before the service counts as restored/ } },
  { name: 'health from before the rollback ended does not count', kind: 'serviceRestored', state: rolledBackLon, now: MORNING + 6 * 60_000, actor: oncall, intent: { kind: 'serviceRestored', release: R, handover: 'HO-1234', at: MORNING + 6 * 60_000, healthySince: MORNING - 60_000 }, expect: { code: 'invalid_request', message: /counted from the end of HO-1234's rollback/ } },
  { name: 'a running rollback has not restored the service', kind: 'serviceRestored', state: () => through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]), actor: oncall, intent: { kind: 'serviceRestored', release: R, handover: 'HO-1234', at: MORNING, healthySince: MORNING }, expect: { code: 'conflict', message: /has not finished/ } },
  { name: "a rollback's running command is stopped by the on-call PE", kind: 'stopRollbackStep', state: () => rollbackRunningItsFirstCommand(), actor: oncall, intent: { kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, expect: { events: ['rollbackChanged'] } },
  { name: "a rollback's command already being stopped is not stopped twice", kind: 'stopRollbackStep', state: () => through(rollbackRunningItsFirstCommand(), [[{ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, MORNING, oncall]]), actor: alice, intent: { kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, expect: { code: 'conflict', message: /is already being stopped, by olu \(on-call PE\) at/ } },
  { name: "QA cannot stop a rollback's command: a half-run rollback is the rollback roles' to answer for", kind: 'stopRollbackStep', state: () => rollbackRunningItsFirstCommand(), actor: quinn, intent: { kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, expect: { code: 'blocked', message: /A rollback is run by on-call PE or PE; quinn is signed in as QA/ } },
  { name: 'a rollback between commands has nothing to stop', kind: 'stopRollbackStep', state: () => through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]), actor: oncall, intent: { kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, expect: { code: 'conflict', message: /is running no command; there is nothing to stop/ } },
  { name: 'there is nothing to abort before a rollback', kind: 'abortRollback', state: deployedInLon, actor: oncall, intent: { kind: 'abortRollback', release: R, handover: 'HO-1234' }, expect: { code: 'not_found', message: /has no rollback/ } },
  // Issue 16, "Console shells": a tool typed into a console shell, as its shim asks.
  { name: 'a shell typing a step whose window is closed is refused, naming the step', kind: 'shellCommand', state: () => doneExcept(['eu-first-maintenance-on', 'eu-first-deploy']), now: at('2026-03-19T11:05:00Z'), intent: { kind: 'shellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], rehearsal: false }, expect: { code: 'blocked', message: /^maintenance enable --region EUW2 is the step "Enable maintenance mode — first EU region \(after 18:00 London\)" in EUW2, which may not run now:$/ } },
  { name: 'a shell typing a ready step is allowed as that step', kind: 'shellCommand', state: () => doneExcept(['sdc-maintenance-on', 'sdc-deploy', 'sdc-check-versions', 'sdc-metric-gate', 'sdc-maintenance-off', 'qa-post-rollout']), intent: { kind: 'shellCommand', release: R, region: 'S01', argv: ['maintenance', 'enable', '--region', 'S01'], rehearsal: false }, expect: { events: ['shellCommandAllowed'] } },
  { name: 'a shell typing what no step of the release runs is refused', kind: 'shellCommand', state: initialState, intent: { kind: 'shellCommand', release: R, region: 'EUW2', argv: ['deploy', 'apply', 'rt-media-gateway', '9.9.9', '--region', 'EUW2'], rehearsal: false }, expect: { code: 'blocked', message: /^deploy apply rt-media-gateway 9\.9\.9 --region EUW2 is not a step of this release \(2026-03-product-rollout\)\.$/ } },
  { name: "a shell typing one of the workspace's read-only commands is allowed", kind: 'shellCommand', state: initialState, intent: { kind: 'shellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'status', '--region', 'EUW2'], rehearsal: false }, expect: { events: ['shellCommandAllowed'] } },
  { name: "a shell typing a rollback plan's command is allowed: rollbacks ignore windows", kind: 'shellCommand', state: deployedInLon, intent: { kind: 'shellCommand', release: R, region: 'LON', argv: ['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'LON'], rehearsal: false }, expect: { events: ['shellCommandAllowed'] } },
  { name: 'a rehearsal shell only records what would run, even for a closed step', kind: 'shellCommand', state: initialState, intent: { kind: 'shellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], rehearsal: true }, expect: { events: ['shellCommandWouldRun'] } },
  { name: '"run anyway" after a refusal is recorded with what refused it', kind: 'answerShellCommand', state: initialState, intent: { kind: 'answerShellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], runAnyway: true, blockedBy: ['EUW2 deploys open after 18:00 London (11:05 now).'] }, expect: { events: ['shellCommandAnswered'] } },
  { name: 'an answer with no refusal behind it is refused', kind: 'answerShellCommand', state: initialState, intent: { kind: 'answerShellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], runAnyway: true, blockedBy: [] }, expect: { code: 'invalid_request', message: /Only a refused shell command/ } },
  { name: "a shell tool's exit is recorded", kind: 'shellCommandExited', state: initialState, intent: { kind: 'shellCommandExited', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], exitCode: 0, signal: null }, expect: { events: ['shellCommandExited'] } },
];

describe('decide, over every intent the console accepts', () => {
  test.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const workspace = row.workspace?.() ?? demo;
    const decision = decide(row.intent, engine(row.state(), row.metrics), row.now ?? MORNING, row.actor ?? alice, workspace);
    if ('events' in row.expect) {
      expect(decision.allowed ? [] : decision.message).toEqual([]);
      if (!decision.allowed) return;
      expect(decision.events.map((e) => e.type)).toEqual(row.expect.events);
      // Every event it returns is one the log's schema accepts on replay.
      for (const event of decision.events) expect(ReleaseEvent.safeParse(JSON.parse(JSON.stringify(event))).success).toBe(true);
    } else {
      expect(decision).toMatchObject({ allowed: false, code: row.expect.code, message: expect.stringMatching(row.expect.message) });
    }
  });

  test('the table covers every kind of intent', () => {
    const kinds: IntentKind[] = ['startStep', 'stopStep', 'completeStep', 'approveStep', 'overrideStep', 'tickQaItem', 'transitionHandover', 'selectRelease', 'setOperator', 'exportEvidence', 'moveRehearsalClock', 'setDrill', 'startRehearsalOver', 'startRollback', 'retryRollback', 'skipRollbackStep', 'abortRollback', 'stopRollbackStep', 'commandExited', 'baselineCaptured', 'gateHeld', 'interrupted', 'breach', 'reconciled', 'shellCommand', 'answerShellCommand', 'shellCommandExited', 'serviceRestored'];
    expect(kinds.filter((k) => !rows.some((r) => r.kind === k))).toEqual([]);
  });

  test('is pure: the same question gets the same answer, and the state handed in is not changed', () => {
    const state = engine(reviewed());
    const before = JSON.stringify(state);
    const intent: Intent = { kind: 'startStep', release: R, step: 'sdc-baseline', region: 'S01' };
    expect(decide(intent, state, MORNING, alice, demo)).toEqual(decide(intent, state, MORNING, alice, demo));
    expect(JSON.stringify(state)).toBe(before);
  });

  test("a person's refusal becomes a logged refusal event; an observation that does not hold yet does not", () => {
    const state = engine(initialState());
    const person = decide({ kind: 'startStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, state, MORNING, alice, demo);
    const observed = decide({ kind: 'gateHeld', release: R, step: 'sdc-metric-gate', region: 'S01' }, state, MORNING, alice, demo);
    if (person.allowed || observed.allowed) throw new Error('both should be refused');
    expect(refusalEvent({ kind: 'startStep', release: R, step: 'sdc-maintenance-on', region: 'S01' }, person, MORNING, alice)).toMatchObject({ type: 'refused', intent: 'startStep', allowed: false, region: 'S01', reasons: person.reasons });
    expect(refusalEvent({ kind: 'gateHeld', release: R, step: 'sdc-metric-gate', region: 'S01' }, observed, MORNING, alice)).toBeNull();
  });

  test("main's observation that a rolled-back service is restored is not logged when it is refused (there is no rollback yet): it is offered at every metrics poll", () => {
    const restored = { kind: 'serviceRestored', release: R, handover: 'HO-1234', at: MORNING, healthySince: MORNING - 600_000 } as const;
    const refused = decide(restored, engine(initialState()), MORNING, alice, demo);
    if (refused.allowed) throw new Error('a service with no rollback cannot be restored by one');
    expect(refusalEvent(restored, refused, MORNING, alice)).toBeNull();
  });
});

describe("a console shell's tool, decided as the step it is", () => {
  const shellAt = (argv: string[], region: string, state: ConsoleState, now = MORNING) => decide({ kind: 'shellCommand', release: R, region, argv, rehearsal: false }, engine(state), now, alice, demo);

  test("refused with the step's own reasons, the window's among them, as its pane lists them", () => {
    const decision = shellAt(['maintenance', 'enable', '--region', 'EUW2'], 'EUW2', doneExcept(['eu-first-maintenance-on', 'eu-first-deploy']), at('2026-03-19T11:05:00Z'));
    const step = stepVerdict({ release: R, step: 'eu-first-maintenance-on', region: 'EUW2' }, engine(doneExcept(['eu-first-maintenance-on', 'eu-first-deploy'])), at('2026-03-19T11:05:00Z'), alice, demo);
    expect(decision).toMatchObject({ allowed: false, reasons: ['EUW2 deploys open after 18:00 London (11:05 now).'] });
    expect(decision.allowed ? [] : decision.reasons).toEqual('reasons' in step ? step.reasons : []);
  });

  test("another region's command typed in S01's shell is decided as that region's step", () => {
    const decision = shellAt(['maintenance', 'enable', '--region', 'S02'], 'S01', doneExcept(['sdc-maintenance-on', 'sdc-deploy', 'sdc-check-versions', 'sdc-metric-gate', 'sdc-maintenance-off', 'qa-post-rollout']));
    expect(decision).toMatchObject({ allowed: true, events: [{ type: 'shellCommandAllowed', region: 'S02', step: 'sdc-maintenance-on', command: 'maintenance-enable', handover: null }] });
  });

  test("a rollback step names its handover; a rehearsal's would-run names the step", () => {
    expect(shellAt(['deploy', 'rollback', 'rt-media-gateway', '4.12.0', '--region', 'LON'], 'LON', deployedInLon())).toMatchObject({ allowed: true, events: [{ type: 'shellCommandAllowed', region: 'LON', handover: 'HO-1234', step: null, command: 'deploy-rollback' }] });
    const rehearsed = decide({ kind: 'shellCommand', release: R, region: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'], rehearsal: true }, engine(initialState()), MORNING, alice, demo);
    expect(rehearsed).toMatchObject({ allowed: true, events: [{ type: 'shellCommandWouldRun', stepId: 'eu-first-maintenance-on', regionId: 'EUW2', argv: ['maintenance', 'enable', '--region', 'EUW2'] }] });
  });

  test('a read-only command with a value its pattern refuses is not the read-only command', () => {
    expect(shellAt(['maintenance', 'status', '--region', 'MARS'], 'EUW2', initialState())).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringContaining('is not a step of this release') });
  });
});

describe('the world a command leaves', () => {
  test("maintenance mode put on by one release's step is the region's, and every release reads it", () => {
    const state = applyEvents(started('sdc-maintenance-on', 'S01'), []);
    const decision = decide(rows.find((r) => r.name.startsWith("a command's successful exit"))!.intent, engine(state), MORNING, alice, demo);
    if (!decision.allowed) throw new Error(decision.message);
    const after = applyEvents(state, decision.events);
    expect(after.world.maintenance).toEqual({ S01: true });
    // The emergency release's S01 steps see maintenance on too: its steps read the world, not their own record.
    const emergency = demo.releases.find((r) => r.id === '2026-03-emergency-sip')!;
    expect(progressOf(after.releases[emergency.id] ?? after.releases[R]!, after.world).maintenance.S01).toBe(true);
  });

  test('a command stopped by a person fails its step with who stopped it, though the tool exited 0, and leaves no effect', () => {
    const state = started('sdc-maintenance-on', 'S01');
    const outcome = { started: true as const, exitCode: 0, signal: null, startedAt: MORNING - 1000, endedAt: MORNING, transcriptFile: null, outputTail: 'caught SIGINT, bye', interruption: { kind: 'stopped', message: 'stopped by alice' } };
    const decision = decide({ kind: 'commandExited', release: R, step: 'sdc-maintenance-on', region: 'S01', commandId: 'maintenance-enable', argv: ['maintenance', 'enable', '--region', 'S01'], values: { region: 'S01' }, outcome, last: true }, engine(state), MORNING, alice, demo);
    if (!decision.allowed) throw new Error(decision.message);
    const finished = decision.events.find((e) => e.type === 'stepFinished');
    expect(finished?.type === 'stepFinished' && [finished.outcome, finished.note]).toEqual(['failed', 'maintenance enable --region S01 stopped by alice.']);
    const after = applyEvents(state, decision.events);
    expect(after.world.maintenance.S01).toBeUndefined();
  });

  test('a rollback command that timed out fails its rollback step with the time limit as the reason', () => {
    let state = through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]);
    const next = state.releases[R]!.rollbacks['HO-1234']!.steps.find((s) => s.state === 'pending')!;
    state = through(state, [
      [{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: next.id }, MORNING, oncall],
      [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: next.id, outcome: { started: true, exitCode: 0, signal: null, startedAt: MORNING, endedAt: MORNING, transcriptFile: null, outputTail: '', interruption: { kind: 'timedOut', message: 'timed out after 5 min' } } }, MORNING, oncall],
    ]);
    const step = state.releases[R]!.rollbacks['HO-1234']!.steps.find((s) => s.id === next.id)!;
    expect([step.state, step.detail]).toEqual(['failed', 'timed out after 5 min']);
  });

  // Before, a rollback's own moves went around releases.yaml's handoverMoves: a workspace whose rollback roles
  // include the PE, but which gives "Production Rollback Required" to the on-call PE alone, still had the PE's
  // rollback move HO-1234 there.
  // Before, the gate's move was made as whoever finished its last step: QA, re-passing a checklist reopened after the
  // sign-off, completed gate 5 again and moved HO-1234 to "Rollout Complete", a move releases.yaml gives the PE.
  test('a gate finished by a step of a role that may not make its handover move holds the handover, saying who may', () => {
    const everywhere = Object.fromEntries(demo.regions.map((r) => [r.id, { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' }]));
    const base = doneExcept(['qa-post-rollout']);
    const state = through({ ...base, world: { ...base.world, deployed: everywhere } }, Array.from({ length: 11 }, (_, i) => [{ kind: 'tickQaItem', release: R, itemId: `qa-post-rollout#${i + 1}`, outcome: 'pass' }, MORNING, quinn] as [Intent, number, typeof quinn]));
    const decision = decide({ kind: 'completeStep', release: R, step: 'qa-post-rollout', region: null, outcome: 'done' }, engine(state), MORNING, quinn, demo);
    if (!decision.allowed) throw new Error(decision.message);
    expect(decision.events.filter((e) => e.type === 'handoverMoved')).toEqual([]);
    expect(decision.events.find((e) => e.type === 'handoverHeld' && e.handover === 'HO-1234')).toMatchObject({ reason: expect.stringContaining('Only PE may move a handover to “Rollout Complete”') });
  });

  test("a rollback is not started by someone the workspace does not let move the handover where the rollback moves it", () => {
    const onCallMovesIt = { ...demo, handoverMoves: demo.handoverMoves!.map((m) => (m.to === 'Production Rollback Required' ? { ...m, by: ['on-call PE'] } : m)) };
    const start: Intent = { kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' };
    expect(decide(start, engine(deployedInLon()), MORNING, alice, onCallMovesIt)).toMatchObject({ allowed: false, code: 'blocked', message: expect.stringContaining('Only on-call PE may move a handover to “Production Rollback Required”') });
    expect(decide(start, engine(deployedInLon()), MORNING, oncall, onCallMovesIt).allowed).toBe(true);
  });

  // Before, an abort asked while a command hung was dropped when the command was then stopped: the run sat failed,
  // offering "Retry", as if nobody had asked it to end.
  test('a rollback aborted while its command hangs, then stopped, ends aborted once the command is killed', () => {
    const state = through(rollbackRunningItsFirstCommand(), [
      [{ kind: 'abortRollback', release: R, handover: 'HO-1234' }, MORNING, oncall],
      [{ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, MORNING, oncall],
    ]);
    const step = state.releases[R]!.rollbacks['HO-1234']!.steps.find((s) => s.state === 'running')!;
    const interruption = { kind: 'stopped', message: 'stopped by olu' };
    const after = through(state, [[{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: step.id, outcome: { started: true, exitCode: 137, signal: 'SIGKILL', startedAt: MORNING, endedAt: MORNING + 10_000, transcriptFile: null, outputTail: '', interruption } }, MORNING + 10_000, oncall]]);
    const run = after.releases[R]!.rollbacks['HO-1234']!;
    expect([run.status, run.steps.find((s) => s.id === step.id)?.state]).toEqual(['aborted', 'failed']);
    expect(decide({ kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: step.id }, engine(after), MORNING + 11_000, oncall, demo)).toMatchObject({ allowed: false, code: 'conflict' });
  });

  // A Stop names the command the person saw running. Pressed as the first command exits, or retried after a timeout, or
  // asked at a second desk that had not folded the exit yet, it arrives while the next command runs: before, it stopped
  // that one, a command nobody asked to stop, and left the region half rolled back.
  test('a Stop asked for a rollback command that has since exited does not stop the command after it', () => {
    const state = rollbackRunningItsFirstCommand();
    const [first, second] = state.releases[R]!.rollbacks['HO-1234']!.steps;
    const exitedOk = { started: true as const, exitCode: 0, signal: null, startedAt: MORNING, endedAt: MORNING + 5_000, transcriptFile: null, outputTail: '' };
    const next = through(state, [
      [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: first!.id, outcome: exitedOk }, MORNING + 5_000, oncall],
      [{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: second!.id }, MORNING + 5_000, oncall],
    ]);
    const stale = decide({ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: first!.id }, engine(next), MORNING + 6_000, oncall, demo);
    expect(stale).toMatchObject({ allowed: false, code: 'conflict' });
    if (!stale.allowed) {
      expect(stale.message).toBe(`${first!.argv.join(' ')} in ${first!.regionId} is not running now: it is done. HO-1234's rollback now runs ${second!.argv.join(' ')} in ${second!.regionId}; press Stop again to stop that.`);
    }
    expect(decide({ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: second!.id }, engine(next), MORNING + 6_000, oncall, demo)).toMatchObject({ allowed: true });
  });

  // A Retry names the step the person saw fail. Sent again after a timeout, or pressed at a second desk that had not folded
  // the first retry, it arrives once the run has moved on and stopped on another step: before, it ran that one again,
  // a failure nobody had read.
  test('a Retry asked for a rollback step that has since passed does not rerun the step the run stopped on next', () => {
    const [first, second] = rollbackRunningItsFirstCommand().releases[R]!.rollbacks['HO-1234']!.steps;
    const exit = (code: number) => ({ started: true as const, exitCode: code, signal: null, startedAt: MORNING, endedAt: MORNING + 5_000, transcriptFile: null, outputTail: '' });
    const failedOnSecond = through(rollbackRunningItsFirstCommand(), [
      [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: first!.id, outcome: exit(1) }, MORNING + 5_000, oncall],
      [{ kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: first!.id }, MORNING + 6_000, oncall],
      [{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: first!.id }, MORNING + 6_000, oncall],
      [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: first!.id, outcome: exit(0) }, MORNING + 7_000, oncall],
      [{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: second!.id }, MORNING + 7_000, oncall],
      [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: second!.id, outcome: exit(2) }, MORNING + 8_000, oncall],
    ]);
    const stale = decide({ kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: first!.id }, engine(failedOnSecond), MORNING + 9_000, oncall, demo);
    expect(stale).toMatchObject({ allowed: false, code: 'conflict' });
    if (!stale.allowed) {
      expect(stale.message).toBe(`${first!.argv.join(' ')} in ${first!.regionId} is not the step HO-1234's rollback stopped on: it is done. It stopped on ${second!.argv.join(' ')} in ${second!.regionId}; retry, skip or abort that.`);
    }
    expect(decide({ kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: second!.id }, engine(failedOnSecond), MORNING + 9_000, oncall, demo)).toMatchObject({ allowed: true });
  });

  test("a rollback command stopped by the on-call PE fails its step \"stopped by\" them, and the run stops on it", () => {
    const stopping = through(rollbackRunningItsFirstCommand(), [[{ kind: 'stopRollbackStep', release: R, handover: 'HO-1234', stepId: FIRST_ROLLBACK_STEP }, MORNING, oncall]]);
    const run = stopping.releases[R]!.rollbacks['HO-1234']!;
    const step = run.steps.find((s) => s.state === 'running')!;
    // Recorded in their role, as a step's Stop is (before: the name alone, so the run read "stopped by olu").
    expect(run.stopping).toEqual({ stepId: step.id, by: 'olu', role: 'on-call PE', at: MORNING });
    expect(run.history.at(-1)?.line).toBe(`Stop asked by olu (on-call PE): ${step.argv.join(' ')} in ${step.regionId}`);
    const interruption = { kind: 'stopped', message: 'stopped by olu' };
    const after = through(stopping, [[{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: step.id, outcome: { started: true, exitCode: 0, signal: 'SIGKILL', startedAt: MORNING, endedAt: MORNING + 10_000, transcriptFile: null, outputTail: 'waiting for the change lock on LON…', interruption } }, MORNING + 10_000, oncall]]);
    const stopped = after.releases[R]!.rollbacks['HO-1234']!;
    // Who stopped it stays on the run that stopped there: its banner and dialog say "STOPPED by olu (on-call PE)", not
    // "on a failure" (before: cleared with the exit, so nothing but the step's words knew it was a person's Stop).
    expect([stopped.status, stopped.stopping]).toEqual(['failed', { stepId: step.id, by: 'olu', role: 'on-call PE', at: MORNING }]);
    expect(stopped.steps.find((s) => s.id === step.id)).toMatchObject({ state: 'failed', detail: 'stopped by olu: waiting for the change lock on LON…' });
    // Every message about the run says it was their Stop, as its banner does; "on a failure" is for a command that failed
    // by itself (before: the refusal to start it again and History's entry read as if the command had failed).
    const exited = { kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: step.id, outcome: { started: true, exitCode: 0, signal: 'SIGKILL', startedAt: MORNING, endedAt: MORNING + 10_000, transcriptFile: null, outputTail: 'waiting for the change lock on LON…', interruption } } as const;
    const exit = decide(exited, engine(stopping), MORNING + 10_000, oncall, demo);
    expect(exit.allowed ? exit.events.filter((e) => e.type === 'rollbackChanged').map((e) => summarizeEvent(e)) : exit.message).toEqual([`Rollback of HO-1234: step "${step.title}" stopped by olu (on-call PE), can be retried`]);
    const again = decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, engine(after), MORNING + 11_000, oncall, demo);
    expect(again.allowed ? 'allowed' : again.message).toMatch(/^HO-1234's rollback, started by olu \(on-call PE\) since .+, was stopped by olu \(on-call PE\); retry, skip or abort it\.$/);
    // What it stopped on is then the on-call PE's to retry, skip or abort, as any failure is; run again, it is not being stopped.
    const retry = decide({ kind: 'retryRollback', release: R, handover: 'HO-1234', stepId: step.id }, engine(after), MORNING + 11_000, oncall, demo);
    expect(retry.allowed ? retry.events.map((e) => (e.type === 'rollbackChanged' ? e.run.stopping : 'other')) : retry.message).toEqual([null]);
    const skip = decide({ kind: 'skipRollbackStep', release: R, handover: 'HO-1234', stepId: step.id, reason: 'LON checked by hand: it runs 4.12.0' }, engine(after), MORNING + 11_000, oncall, demo);
    expect(skip.allowed ? skip.events.map((e) => (e.type === 'rollbackChanged' ? e.run.stopping : 'other')) : skip.message).toEqual([null]);
  });

  test('a rollback step that removes a package leaves no version of it in the region', () => {
    let state = through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]);
    for (let guard = 0; guard < 20; guard++) {
      const run = state.releases[R]!.rollbacks['HO-1234']!;
      const next = run.steps.find((s) => s.state === 'pending');
      if (!next) break;
      state = through(state, [
        [{ kind: 'rollbackStepStarting', release: R, handover: 'HO-1234', stepId: next.id }, MORNING, oncall],
        [{ kind: 'rollbackStepExited', release: R, handover: 'HO-1234', stepId: next.id, outcome: { started: true, exitCode: 0, signal: null, startedAt: MORNING, endedAt: MORNING, transcriptFile: null, outputTail: '' } }, MORNING, oncall],
      ]);
    }
    state = through(state, [[{ kind: 'rollbackFinishing', release: R, handover: 'HO-1234' }, MORNING, oncall]]);
    expect(state.releases[R]!.rollbacks['HO-1234']!.status).toBe('done');
    expect(state.world.deployed.LON).toEqual({ 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' });
    expect(liveRelease(demo.releases.find((r) => r.id === R)!, state.releases[R]!).handovers.find((h) => h.id === 'HO-1234')!.status).toBe('Failed Production Rollout');
  });
});

describe('a rollback started during a breach', () => {
  test("records the breach as its trigger, with seed 002's headline in the workspace's words for the metric", () => {
    const decision = decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, engine(deployedInLon(), { LON: healthy({ alerts: [breach] }) }), MORNING, oncall, demo);
    if (!decision.allowed) throw new Error(decision.message);
    const started = decision.events.find((e) => e.type === 'rollbackChanged');
    expect(started?.type === 'rollbackChanged' && started.run.trigger).toEqual({
      alertId: 'metrics:LON/immediate-error-rate',
      regionId: 'LON',
      title: 'LON: Error rate above 5%',
      detail: 'Error rate 7.5% against a threshold of 5%',
      at: MORNING - 120_000,
      headline: 'Error rate spike detected',
    });
  });
});

// Pressed from the command palette with no breach alert and no reason typed. Before, the run's reason read "Rolled
// back by hand; …": the "ROLLBACK INITIATED … Status: IN PROGRESS" post said it was rolled back while it ran.
describe('a rollback started by hand, with no breach alert and no reason', () => {
  test('records that no reason was given, and its post says what it announces as it runs and when it ends', () => {
    const run = through(deployedInLon(), [[{ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, MORNING, oncall]]).releases[R]!.rollbacks['HO-1234']!;
    expect(run.reason).toBe('No reason given, and no breach alert was active.');
    const post = (status: typeof run.status) => rollbackAnnouncementLines({ owner: oncall } as AnnouncementInput, [{ ...run, status }]);
    const [head, , , , , reason, owner, said] = post('running');
    expect([head, reason, owner, said]).toEqual(['ROLLBACK INITIATED', 'Reason: No reason given, and no breach alert was active.', 'Owner: @olu', 'Status: IN PROGRESS']);
    expect([post('done')[0], post('done').at(-1)]).toEqual(['ROLLBACK COMPLETE', 'Status: COMPLETE']);
    expect([post('failed')[0], post('failed').at(-1)]).toEqual(['ROLLBACK STOPPED', 'Status: STOPPED — see the incident record']);
    expect([post('aborted')[0], post('aborted').at(-1)]).toEqual(['ROLLBACK ABORTED', 'Status: ABORTED']);
    // Of two, the one still running heads the post.
    expect(rollbackAnnouncementLines({ owner: oncall } as AnnouncementInput, [{ ...run, status: 'done' }, { ...run, handoverId: 'HO-1240' }])[0]).toBe('ROLLBACK INITIATED');
  });
});

describe("a step's verdict", () => {
  test('is blocked for a command that cannot be filled, with the fill error, though the engine calls it ready', () => {
    const workspace = unfillable();
    const verdict = stepVerdict({ release: R, step: 'sdc-deploy', region: 'S01' }, engine(inMaintenance(doneExcept(['sdc-deploy']), 'S01')), MORNING, alice, workspace);
    expect(verdict).toMatchObject({ allowed: false, state: 'blocked', reasons: [expect.stringContaining('4.13.0;reboot')] });
  });

  test('is running (not allowed) for a step already started', () => {
    expect(stepVerdict({ release: R, step: 'sdc-maintenance-on', region: 'S01' }, engine(running('sdc-maintenance-on', 'S01')), MORNING, alice, demo)).toMatchObject({ allowed: false, state: 'running' });
  });
});

// Before, the board offered "Move to “Production Rollback Required”" (then the stage rollback and the failed status
// after it) on a handover running nowhere: never deployed, or already rolled back or backed out everywhere.
describe('moving a handover to "Production Rollback Required"', () => {
  const toRollback = (handover: string): Intent => ({ kind: 'transitionHandover', release: R, handover, to: 'Production Rollback Required' });
  /** HO-1234's packages back at their previous versions in LON, as a back-out of LON leaves them. */
  const backedOutOfLon = (): ConsoleState => ({ ...initialState(), world: { maintenance: {}, deployed: { LON: { 'rt-media-gateway': '4.12.0', 'routing-engine': '2.8.1' } } } });
  /** The same, after the console's own "Back out LON" rolled HO-1234 back there. */
  const backedOutByTheConsole = (): ConsoleState =>
    applyEvents(backedOutOfLon(), [
      {
        type: 'backOutChanged',
        actor: oncall,
        at: MORNING,
        release: R,
        region: 'LON',
        step: null,
        intent: 'backOutFinished',
        detail: {},
        run: { regionId: 'LON', status: 'done', startedAt: MORNING - 60_000, startedBy: oncall, endedAt: MORNING, reason: 'error rate', handovers: ['HO-1234'], steps: [], stopping: null },
      },
    ]);
  /** S01's deploy step started and its first command, HO-1234's rt-media-gateway, failed: nothing of HO-1234 runs anywhere. */
  const deployFailedInS01 = (): ConsoleState => {
    const argv = ['deploy', 'apply', 'rt-media-gateway', '4.13.0', '--region', 'S01'];
    const run = { commandId: 'deploy-apply', argv, regionId: 'S01', exitCode: 1, startedAt: MORNING - 60_000, endedAt: MORNING, transcriptFile: null, outputTail: 'lock held' };
    return applyEvents(started('sdc-deploy', 'S01'), [
      { type: 'commandExited', actor: alice, at: MORNING, release: R, runKey: 'sdc-deploy@S01', region: 'S01', step: 'sdc-deploy', run, argv, exitCode: 1, signal: null, error: null, effects: [], rollback: null },
      { type: 'stepFinished', actor: alice, at: MORNING, release: R, step: 'sdc-deploy', region: 'S01', outcome: 'failed', cause: 'command', note: null, exitCode: 1 },
    ]);
  };
  test.each<[string, () => ConsoleState, string, string | null]>([
    ['is refused for a handover never deployed, saying so', initialState, 'HO-1240', 'HO-1240 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.'],
    ['is refused for a handover backed out of every region it reached', backedOutOfLon, 'HO-1234', 'HO-1234 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.'],
    // Seed 000's "Failed on Production": the HO still ends "Failed Production Rollout"; this move is the way there.
    ['is allowed for a handover a back-out rolled back, so its failure can be recorded', backedOutByTheConsole, 'HO-1234', null],
    ['is allowed for a handover whose deploy failed before it ran anywhere (seed 000\'s "Deployment Failure")', deployFailedInS01, 'HO-1234', null],
    ['is allowed while one of its packages runs at its new version in a region', deployedInLon, 'HO-1234', null],
    ['is allowed while a deploy of its release runs in a region (it may be half applied)', () => running('sdc-deploy', 'LON'), 'HO-1234', null],
  ])('%s', (_name, state, handover, refusal) => {
    const decision = decide(toRollback(handover), engine(state()), MORNING, oncall, demo);
    expect(decision.allowed ? null : decision.message).toBe(refusal);
  });

  test('a handover a back-out rolled back reaches "Failed Production Rollout" as seed 000 has it, by the on-call engineer\'s moves', () => {
    let state = backedOutByTheConsole();
    for (const to of ['Production Rollback Required', 'Stage Rollback Required', 'Failed Production Rollout'] as const) {
      const decision = decide({ kind: 'transitionHandover', release: R, handover: 'HO-1234', to }, engine(state), MORNING, oncall, demo);
      expect(decision.allowed ? to : decision.message).toBe(to);
      if (decision.allowed) state = applyEvents(state, decision.events);
    }
  });

  test('a rollback of a handover a back-out rolled back says so, and how its failure is recorded instead', () => {
    const decision = decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, engine(backedOutByTheConsole()), MORNING, oncall, demo);
    expect(decision.allowed ? null : decision.message).toBe(
      'HO-1234 cannot be rolled back yet: HO-1234 runs in no region now: the back-out of LON rolled it back there, so there is nothing left to roll back. Its failure is to be recorded by its moves on the board instead (seed 000).',
    );
  });

  // It named the status and the next move, which the board card shows above it as its tag and its one move button.
  test('as the on-call engineer moves it along seed 000\'s path, the refusal says the failure is being recorded, then that it is, naming no move', () => {
    let state = deployFailedInS01();
    const said: string[] = [];
    for (const to of ['Production Rollback Required', 'Stage Rollback Required', 'Failed Production Rollout'] as const) {
      const move = decide({ kind: 'transitionHandover', release: R, handover: 'HO-1234', to }, engine(state), MORNING, oncall, demo);
      if (!move.allowed) throw new Error(move.message);
      state = applyEvents(state, move.events);
      const rollback = decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, engine(state), MORNING, oncall, demo);
      said.push(rollback.allowed ? 'allowed' : rollback.message.slice(rollback.message.indexOf('Its failure')));
    }
    expect(said).toEqual([
      'Its failure is being recorded by its moves on the board (seed 000).',
      'Its failure is being recorded by its moves on the board (seed 000).',
      'Its failure is recorded on the board (seed 000).',
    ]);
  });

  test('a rollback of a handover whose deploy failed before it ran says so, and how its failure is recorded instead', () => {
    const decision = decide({ kind: 'startRollback', release: R, handover: 'HO-1234', confirm: 'HO-1234' }, engine(deployFailedInS01()), MORNING, oncall, demo);
    expect(decision.allowed ? null : decision.message).toBe(
      'HO-1234 cannot be rolled back yet: HO-1234 runs in no region now: its deploy in S01 failed before it ran there, so there is nothing left to roll back. Its failure is to be recorded by its moves on the board instead (seed 000).',
    );
  });

  test('the rollback plan refuses in the same words', () => {
    const decision = decide({ kind: 'startRollback', release: R, handover: 'HO-1240', confirm: 'HO-1240' }, engine(initialState()), MORNING, oncall, demo);
    expect(decision.allowed ? null : decision.message).toBe('HO-1240 cannot be rolled back yet: HO-1240 is deployed in no region: there is nothing to roll back, and its status stays "Ready for Production". A rollback can start once one of its packages runs at its new version in a region, or while a deploy of it runs.');
  });
});
