import { baselineAgeOf, formatAge, type BaselineAge } from '../../shared/metrics/baselineAge';
import { rollbackDoneAlertId, type AlertView, type GateView, type HandoverView, type QaItemView, type RegionReconcileView, type RegionView, type ReleaseView, type StepView } from '../../shared/api';
import type { MetricsAlert } from '../../shared/api/metrics';
import { decide, primaryIntentOf, type EngineState } from '../../shared/engine/decide';
import { recordOf } from '../../shared/engine/fold';
import { checkApprover } from '../../shared/engine/approval';
import { gateStatuses } from '../../shared/engine/gates';
import { instanceKey } from '../../shared/engine/progress';
import { liveRelease, progressOf } from '../../shared/engine/live';
import { leaseExpiry, leaseLastHeartbeat, leaseSince, takeOverBlocked } from '../../shared/engine/decideLease';
import { metricGateProgress } from '../../shared/engine/metricFacts';
import { qaItemsOf } from '../../shared/engine/qa';
import { doneBeforeReopen } from '../../shared/engine/reopenedSignOff';
import { isRolledBack, testingFailureDone, testingFailureNextSteps, testingFailures, testingFailureSummary, type TestingFailure } from '../../shared/engine/testingFailure';
import type { ReleaseRecord } from '../../shared/engine/state';
import { computeStepStates, type StepInstance } from '../../shared/engine/stepStates';
import { legalNextStatuses } from '../../shared/handover/status';
import { reviewHandover } from '../../shared/handover/peReview';
import { failedDeploy } from '../../shared/release/failedDeploy';
import { failedRunWords } from '../../shared/release/failedRun';
import { stepCommands } from '../../shared/release/stepCommands';
import { evaluateDeployment } from '../../shared/rules/evaluate';
import type { Release, Step, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { strategyOf } from '../../shared/workspace/schema/runbooks';
import { alertDetail } from '../../shared/metrics/alerts';
import { fixForwardUnavailable } from '../../shared/engine/decideFixForward';
import { fixForwardLine, fixForwardLineInstants, type FixForwardRecord } from '../../shared/rollback/fixForward';
import type { RollbackRecord } from '../../shared/rollback/record';
import { buildRollbackPlan, runsInNoRegion } from '../../shared/rollback/plan';
import { actorWords, stopperWords } from '../../shared/words';

export { liveRelease, progressOf };

/**
 * What the view is built from: the engine's state (the log's fold and the latest metric facts) at `now`.
 * Every verdict on it comes from `decide`; the view only lays them out.
 */
export interface ViewInput {
  workspace: Workspace;
  release: Release;
  state: EngineState;
  now: number;
  operator: { name: string; role: string };
  storageWarnings: string[];
  /** The region's last reconcile (main/release/reconcile.ts); "not reconciled" when absent. */
  reconcile?: (regionId: string) => RegionReconcileView;
  /** The wall-clock time this console first saw a step's run start (`startedAt` on the console clock); absent: `startedAt`. */
  runningSince?: (releaseId: string, stepKey: string, startedAt: number) => number;
}

const NOT_RECONCILED: RegionReconcileView = { status: 'not-reconciled', at: null, differences: [], error: null };

interface LiveInput extends ViewInput {
  record: ReleaseRecord;
}

function stepById(workspace: Workspace, release: Release): Map<string, Step> {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  return new Map((runbook?.gates ?? []).flatMap((g) => g.steps.map((s) => [s.id, s] as const)));
}

/** The zone of the window that decides a step: its own timing rule, or the region's policy. */
function ruleZoneOf(workspace: Workspace, step: Step, regionId: string | null): string | null {
  const index = indexWorkspace(workspace);
  for (const ref of step.timing) {
    const id = ref === 'region' ? index.regions.get(regionId ?? '')?.timing : ref;
    const window = id ? index.windows.get(id) : undefined;
    if (window) return window.zone;
  }
  return regionId ? (index.windows.get(index.regions.get(regionId)?.timing ?? '')?.zone ?? null) : null;
}

/** The approve button is disabled with main's own reason: the same check approveStep makes. */
function approvalRefusal(input: LiveInput, step: Extract<Step, { kind: 'approval' }>, region: string | null): string | null {
  const steps = stepById(input.workspace, input.release);
  const check = checkApprover(step, { ...input.operator, at: input.now }, region, progressOf(input.record, input.state.world), (id) => steps.get(id)?.title);
  return check.ok ? null : check.error;
}

/** Pass, Fail and Reopen are disabled with main's own reason: each asked of `decide` for this operator. */
function qaRefusals(input: LiveInput, item: QaItemView): QaItemView['refused'] {
  const ask = (outcome: 'pass' | 'fail' | 'open') => {
    const decision = decide({ kind: 'tickQaItem', release: input.release.id, itemId: item.id, outcome }, input.state, input.now, input.operator, input.workspace);
    return decision.allowed ? null : decision.message;
  };
  return { pass: ask('pass'), fail: ask('fail'), open: ask('open') };
}

/** A step that the engine calls ready, asked of `decide`: a command that cannot be filled, or an open QA checklist, blocks it. */
function refusalOf(input: LiveInput, instance: StepInstance, step: Step) {
  if (instance.state.status !== 'ready') return null;
  const intent = primaryIntentOf(step, { release: input.release.id, step: step.id, region: instance.region });
  if (!intent) return null;
  const decision = decide(intent, input.state, input.now, input.operator, input.workspace);
  return decision.allowed || decision.code !== 'blocked' ? null : decision;
}

/** A done baseline step's baseline as shared/metrics/baselineAge.ts judges it: its age, and whether it is stale. */
function baselineOfStep(input: LiveInput, step: Step, instance: StepInstance, status: string): StepView['baseline'] {
  if (step.kind !== 'baseline' || status !== 'done') return null;
  const regions = instance.region !== null ? [instance.region] : [...new Set(input.record.baselines.map((b) => b.regionId))];
  const ages = regions.map((r) => baselineAgeOf(input.record.baselines, r, input.now, input.workspace.baselineMaxAgeMinutes ?? null)).filter((a) => a !== null);
  // A step over several regions is as old as its oldest region's baseline.
  const oldest = ages.reduce<(typeof ages)[number] | null>((worst, a) => (worst === null || a.takenAt < worst.takenAt ? a : worst), null);
  return baselineView(oldest);
}

function baselineView(age: BaselineAge | null): StepView['baseline'] {
  return age ? { takenAt: age.takenAt, age: formatAge(age.ageMs), limitMinutes: age.limitMinutes, stale: age.isStale } : null;
}

function stepView(input: LiveInput, instance: StepInstance, step: Step, doneBefore: DoneBeforeReopen): StepView {
  const { workspace, release, record } = input;
  const state = instance.state;
  const stored = record.steps[instance.key];
  const commands = stepCommands(workspace, release, step, instance.region);
  const override = record.overrides.find((o) => o.stepId === step.id && o.region === instance.region) ?? null;
  const refusal = refusalOf(input, instance, step);
  const failedRun = record.runs[instance.key]?.at(-1)?.argv ?? null;
  const statusOf = (id: string) => record.handovers[id]?.status ?? release.handovers.find((ho) => ho.id === id)?.status ?? '';
  const failedNote = state.status === 'failed' && state.note ? failedRunWords(state.note, failedRun, commands.ok ? commands.runs.map((run) => run.argv) : [], release, statusOf) : null;
  const reasons = refusal ? refusal.reasons : state.status === 'blocked' ? state.reasons : failedNote ? [failedNote] : [];
  if (!commands.ok && !reasons.includes(commands.error)) reasons.push(commands.error);
  let gate: StepView['gate'] = null;
  if (step.kind === 'metricGate' && instance.region) {
    // A gate not yet started counts nothing: saying "watching: 0 of 15 minutes so far" there read as if it were.
    const progress =
      stored?.status === 'done'
        ? { healthyMinutes: step.minutes, detail: 'held for the whole gate' }
        : stored?.status === 'running'
          ? metricGateProgress(input.state.metrics[instance.region], step.minutes, stored.at, input.now)
          : { healthyMinutes: 0, detail: stored?.status === 'failed' ? 'stopped watching' : 'not watching yet: its minutes count from "Start watching"' };
    gate = { healthyMinutes: progress.healthyMinutes, requiredMinutes: step.minutes, detail: progress.detail };
  }
  return {
    key: instance.key,
    stepId: step.id,
    gateId: instance.gateId,
    title: step.title,
    kind: step.kind,
    owner: step.owner,
    regionId: instance.region,
    state: refusal ? 'blocked' : state.status,
    reasons,
    instants: refusal ? (refusal.instants ?? []) : state.status === 'blocked' ? (state.instants ?? []) : [],
    waitsOnlyForSteps: state.status === 'blocked' && state.waitsOnlyForSteps === true,
    opensAt: refusal ? refusal.opensAt : state.status === 'blocked' ? state.opensAt : null,
    windowOpensAt: state.status === 'blocked' ? (state.windowOpensAt ?? null) : null,
    nextOpensAt: refusal === null && state.status === 'blocked' ? (state.nextOpensAt ?? null) : null,
    // A refused ready step waits for an action (a fixed workspace value, a passed checklist), not for the clock.
    waitsForAction: refusal !== null || (state.status === 'blocked' && state.waitsForAction === true),
    closesAt: state.status === 'ready' ? state.closesAt : null,
    ruleZone: ruleZoneOf(workspace, step, instance.region),
    commands: commands.ok ? commands.runs.map((run) => run.argv) : [],
    checklist: step.kind === 'manual' ? step.checklist : [],
    doneNote: state.status === 'done' ? (stored?.note ?? null) : null,
    instructions: step.instructions ?? null,
    doneBy: stored?.by ? { name: stored.by, role: stored.role ?? '' } : null,
    doneAt: stored && stored.status !== 'running' ? stored.at : null,
    startedAt: stored?.status === 'running' ? stored.at : null,
    runningSince: stored?.status === 'running' ? (input.runningSince?.(release.id, instance.key, stored.at) ?? stored.at) : null,
    stopping: (stored?.status === 'running' || stored?.status === 'failed') && stored.stopRequested ? { ...stored.stopRequested, role: stored.stopRequested.role ?? '' } : null,
    exitCode: stored?.exitCode ?? null,
    override: override ? { reason: override.reason, approvers: override.approvers, by: { name: override.by, role: '' }, at: override.at } : null,
    approvals:
      step.kind === 'approval'
        ? {
            required: step.approvers.map((a) => ({ role: a.role, count: a.count })),
            given: (record.approvals[instance.key] ?? []).map((a) => ({ name: a.name, role: a.role, at: a.at })),
            notBy: step.notBy ?? null,
            refusal: approvalRefusal(input, step, instance.region),
          }
        : null,
    gate,
    canOverride: state.status === 'blocked' && state.override !== null && state.override.length > 0,
    overrideApprovals: (record.overrideApprovals[instance.key] ?? []).map((a) => ({ name: a.name, role: a.role, at: a.at })),
    baseline: baselineOfStep(input, step, instance, state.status),
    failure: state.status === 'failed' && !refusal ? failureOf(input, step, instance.region, stored?.note ?? null) : null,
    reopened: reopenedOf(record, instance.key, state.status),
    doneBeforeReopen: state.status === 'done' ? (doneBefore.get(instance.key) ?? null) : null,
  };
}

type DoneBeforeReopen = ReturnType<typeof doneBeforeReopen>;

/**
 * The steps done after a sign-off that now stands reopened: each keeps its record, and its row says which sign-off
 * it followed. Worked out once per view, not once per step row: it walks the runbook's steps after each sign-off.
 */
function doneBeforeReopenIn(input: LiveInput): DoneBeforeReopen {
  const runbook = indexWorkspace(input.workspace).runbooks.get(input.release.runbook);
  return runbook ? doneBeforeReopen(runbook, progressOf(input.record, input.state.world)) : new Map();
}

/** Until the step is done again, its row says a QA failure after the sign-off reopened it (the `stepReopened` in the record). */
function reopenedOf(record: LiveInput['record'], key: string, status: string): StepView['reopened'] {
  const reopened = record.reopened[key];
  return reopened && status !== 'done' ? { by: { name: reopened.by.name, role: reopened.by.role }, at: reopened.at, reason: reopened.reason } : null;
}

/** A failed deploy's way out, seed 000: roll back each handover it deploys, as a breach offers it. */
function failureOf(input: LiveInput, step: Step, regionId: string | null, note: string | null): StepView['failure'] {
  const state = { ...input.record, ...input.state.world };
  const runsNowhere = input.release.handovers.filter((ho) => runsInNoRegion(input.workspace, input.release, state, ho.id)).map((ho) => ho.id);
  const failed = failedDeploy(input.workspace, input.release, step, regionId, { note, world: input.state.world, runsNowhere });
  if (!failed) return null;
  const actions = failed.handoverIds.flatMap((id) => breachActions(input, id).filter((a) => a.kind === 'rollback').map((a) => ({ label: a.label, handoverId: id })));
  return { rule: failed.rule, actions };
}

function handoverMoves(input: LiveInput, handover: string, legal: readonly string[]): Pick<HandoverView, 'nextStatuses' | 'refusedMoves'> {
  const moves = { nextStatuses: [] as string[], refusedMoves: [] as HandoverView['refusedMoves'] };
  for (const to of legal) {
    const decision = decide({ kind: 'transitionHandover', release: input.release.id, handover, to }, input.state, input.now, input.operator, input.workspace);
    if (decision.allowed) moves.nextStatuses.push(to);
    else moves.refusedMoves.push({ to, reason: decision.message, instants: decision.instants ?? [] });
  }
  return moves;
}

/**
 * Why "Roll back" would be refused for the handover now, or null when it would start (or a run of it is there to look
 * at): the plan `decide` refuses a start on, worked out once per view here rather than asked by every card on every push.
 */
function rollbackRefusalOf(input: LiveInput, handoverId: string): string | null {
  if (input.record.rollbacks[handoverId]) return null;
  const plan = buildRollbackPlan(input.workspace, input.release, { ...input.record, ...input.state.world }, handoverId);
  return plan.canStart ? null : plan.flags.map((f) => f.reason).join(' ');
}

function handoverView(input: LiveInput, ho: Release['handovers'][number]): HandoverView {
  const history = input.record.handovers[ho.id]?.history ?? [];
  return {
    id: ho.id,
    title: ho.title,
    status: ho.status,
    author: ho.author ?? null,
    packages: ho.packages.map((p) => ({ name: p.name, currentVersion: p.currentVersion ?? null, newVersion: p.newVersion ?? null, diffUrl: p.diffUrl ?? null, isNew: p.isNew })),
    tickets: ho.tickets,
    instructions: ho.instructions,
    rollback: ho.rollback,
    reviewFailures: reviewHandover(ho, input.workspace).failures,
    // Each legal move as decide answers it: offered when it would be accepted, else shown disabled with its reason.
    ...handoverMoves(input, ho.id, legalNextStatuses({ id: ho.id, status: ho.status, history })),
    held: input.record.handovers[ho.id]?.held ?? null,
    heldInstants: input.record.handovers[ho.id]?.heldInstants ?? [],
    rollbackRefusal: rollbackRefusalOf(input, ho.id),
  };
}

function regionView(input: LiveInput, regionId: string, steps: StepView[], alerts: readonly MetricsAlert[]): RegionView {
  const { workspace, record, now } = input;
  const { world } = input.state;
  const region = indexWorkspace(workspace).regions.get(regionId)!;
  const window = evaluateDeployment(workspace, { region: regionId }, now);
  const mine = steps.filter((s) => s.regionId === regionId);
  const current = mine.find((s) => s.state === 'running') ?? mine.find((s) => s.state === 'failed') ?? mine.find((s) => s.state === 'ready') ?? mine.find((s) => s.state === 'blocked') ?? null;
  const active = alerts.filter((a) => a.active && a.regionId === regionId);
  const freshness = input.state.metrics[regionId]?.freshness ?? 'none';
  const health: RegionView['health'] = active.some((a) => a.level === 'immediate') ? 'red' : active.length ? 'amber' : freshness === 'fresh' ? 'green' : 'unknown';
  const hasBaseline = record.baselines.some((b) => b.regionId === regionId);
  const healthDetail = active.length
    ? active.map((a) => a.title).join('; ')
    : freshness === 'fresh'
      ? hasBaseline
        ? 'Within rollback criteria against the baseline'
        : 'No breach · no baseline yet'
      : freshness === 'stale'
        ? 'Metrics stale: health unknown'
        : 'No metrics yet';
  // Seed 000: maintenance mode and running versions are the region's, whichever release put them there.
  const on = world.maintenance[regionId] === true;
  return {
    id: region.id,
    name: region.name,
    zone: region.zone,
    awsRegion: region.awsRegion,
    sibling: region.sibling ?? null,
    maintenance: { on, redirectedTo: on ? (region.sibling ?? null) : null },
    versions: Object.entries(world.deployed[regionId] ?? {}).map(([name, version]) => ({ name, version })),
    currentStep: current ? { key: current.key, title: current.title, state: current.state, reasons: current.reasons, instants: current.instants } : null,
    health,
    healthDetail,
    reconcile: input.reconcile?.(regionId) ?? NOT_RECONCILED,
    window: window.allowed
      ? { open: true, opensAt: null, nextOpensAt: null, closesAt: window.closesAt, ruleZone: ruleZoneOf(workspace, { timing: ['region'] } as Step, regionId), reasons: [] }
      : { open: false, opensAt: window.opensAt, nextOpensAt: window.nextOpensAt, closesAt: null, ruleZone: ruleZoneOf(workspace, { timing: ['region'] } as Step, regionId), reasons: window.reasons },
    lease: leaseView(input.state, regionId, now),
    baseline: baselineView(baselineAgeOf(record.baselines, regionId, now, workspace.baselineMaxAgeMinutes ?? null)),
  };
}

function alertViews(input: LiveInput, alerts: readonly MetricsAlert[], gates: GateView[], qa: QaItemView[]): AlertView[] {
  const views: AlertView[] = [];
  for (const alert of alerts) {
    if (!alert.active) continue;
    // A fix forward still "fixing" when its handover was rolled back instead has ended; the rollback's record says so.
    const decisions = alert.handovers.filter((id) => !input.record.rollbacks[id]).map((id) => input.record.fixForwards[id]).filter((f) => f !== undefined);
    views.push({
      id: `metrics:${alert.id}`,
      severity: breachSeverity(alert, decisions),
      regionId: alert.regionId,
      title: `${alert.regionId}: ${alert.title}`,
      detail: alertDetail(alert, input.workspace.metrics),
      at: alert.sinceMs,
      actions: alert.handovers.length ? alert.handovers.flatMap((handoverId) => breachActions(input, handoverId)) : [{ kind: 'open-region', label: `Open ${alert.regionId}`, handoverId: null }],
      decision: decisions.length ? decisions.map(fixForwardLine).join('; ') : null,
      decisionInstants: decisions.flatMap(fixForwardLineInstants),
    });
  }
  const failures = testingFailures(input.workspace, input.release, input.record, input.state.world);
  for (const ho of input.release.handovers) {
    const run = input.record.rollbacks[ho.id];
    if (run && run.status !== 'done') views.push(rollbackAlert(run));
    // A testing failure's own banner says its rollback is done ("dealt with"); any other rollback says so here.
    else if (run && !failures.some((f) => f.handovers.includes(ho.id))) views.push(rollbackDoneAlert(run, ho.status));
  }
  for (const failure of failures) views.push(testingFailureAlert(input, failure));
  const testing = new Set(failures.map((f) => f.itemId));
  for (const item of qa) {
    if (item.outcome !== 'fail' || item.at === null || testing.has(item.id)) continue;
    // Seed 000: a QA failure after the production rollout goes to the PE and the on-call engineer at once.
    views.push({ id: `qa:${item.id}`, severity: 'critical', regionId: null, title: `QA failed: ${item.title}`, detail: `${item.by?.name ?? 'QA'}: ${item.note ?? 'no note'} — inform the on-call engineer`, at: item.at, actions: [{ kind: 'open-qa', label: 'Open the QA checklist', handoverId: null }] });
  }
  for (const gate of gates) {
    if (gate.missed && gate.onMiss) views.push({ id: `gate:${gate.id}`, severity: 'warning', regionId: null, title: `${gate.title}: deadline missed`, detail: gate.onMiss, at: gate.deadline ?? input.now, actions: [] });
  }
  return views;
}

/**
 * Seed 000's "Testing Failure" on the banner every desk sees until QA signs off again: the failure named, the
 * rollback of each handover it concerns one click away (the dialog starts with the reason filled in), and, once
 * rolled back, what was done. The same id as a plain QA failure, so the notice it raised is not raised twice.
 */
function testingFailureAlert(input: LiveInput, failure: TestingFailure): AlertView {
  const rolledBack = isRolledBack(failure);
  const actions: AlertView['actions'] = failure.handovers.map((handoverId) => {
    const run = input.record.rollbacks[handoverId];
    if (run?.status === 'done') return { kind: 'rollback', label: `${handoverId} rolled back: open the record`, handoverId };
    if (run?.status === 'running' || run?.status === 'failed') return { kind: 'rollback', label: `Open ${handoverId}'s rollback`, handoverId };
    return { kind: 'rollback', label: `Roll back ${handoverId}`, handoverId };
  });
  return {
    id: `qa:${failure.itemId}`,
    severity: rolledBack ? 'info' : 'critical',
    regionId: null,
    title: rolledBack ? `Testing failure dealt with: “${failure.item}”` : `Testing failure: “${failure.item}” failed after QA's sign-off`,
    detail: testingFailureNextSteps(failure),
    at: failure.at,
    actions: [...actions, ...announceAction(input.workspace, rolledBack), { kind: 'open-qa', label: 'Open the QA checklist', handoverId: null }],
    decision: testingFailureDone(failure),
    summary: testingFailureSummary(failure),
  };
}

/**
 * A rollback not yet done, on the banner every desk sees: running, stopped on a failure, or aborted, with its dialog
 * one click away. Closed mid-run, the dialog left nothing on the screens to say a rollback was going on, and S01's tile
 * still offered its next rollout step; another desk saw only the breach's "Roll back HO-…". Its id changes with its
 * status, so a stop is announced (a critical alert's notice) once, to every desk.
 */
function rollbackAlert(run: RollbackRecord): AlertView {
  const id = run.handoverId;
  const by = actorWords(run.startedBy);
  const open = [{ kind: 'rollback' as const, label: `Open ${id}'s rollback`, handoverId: id }];
  if (run.status === 'running') {
    const finished = run.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
    return { id: `rollback:${id}:running`, severity: 'warning', regionId: null, title: `Rolling back ${id}`, detail: `Started by ${by}: ${finished} of ${run.steps.length} steps done${run.abortRequested ? ', stopping after this command' : ''}`, at: run.startedAt, actions: open };
  }
  const failed = run.steps.find((s) => s.state === 'failed');
  const at = run.endedAt ?? failed?.endedAt ?? run.startedAt;
  if (run.status === 'failed' && run.stopping) {
    // A person's Stop, said as one: it read "STOPPED on a failure … failed (exit 130)" for the command oscar stopped.
    const stopper = stopperWords(run.stopping);
    const stopped = run.steps.find((s) => s.id === run.stopping?.stepId) ?? failed;
    return { id: `rollback:${id}:failed:${at}`, severity: 'critical', regionId: null, title: `${id}'s rollback STOPPED by ${stopper}`, detail: `${id} is only partly rolled back${stopped ? `: ${stopped.title} was stopped${stopped.exitCode === null ? '' : ` (exit ${stopped.exitCode})`}` : ''}; started by ${by}`, at, actions: open };
  }
  if (run.status === 'failed') {
    return { id: `rollback:${id}:failed:${at}`, severity: 'critical', regionId: null, title: `${id}'s rollback STOPPED on a failure`, detail: `${id} is only partly rolled back${failed ? `: ${failed.title} failed${failed.exitCode === null ? '' : ` (exit ${failed.exitCode})`}` : ''}; started by ${by}`, at, actions: open };
  }
  return { id: `rollback:${id}:aborted`, severity: 'warning', regionId: null, title: `${id}'s rollback aborted`, detail: `${id} is only partly rolled back; started by ${by}`, at, actions: open };
}

/**
 * A rollback done, on the banner every desk sees, in place of its "Rolling back …": who ran it, where, and the
 * handover's status now. On the desk that did not run it, the running banner just went, and S01's tile offered its
 * next rollout step as if nothing had happened. New, it is also a notice (notices.ts), as the running desk's dialog
 * says "rolled back" there. May be collapsed to one line: it stays for the rest of the release.
 */
function rollbackDoneAlert(run: RollbackRecord, status: string): AlertView {
  const id = run.handoverId;
  const regions = [...new Set(run.steps.filter((s) => s.state === 'done').map((s) => s.regionId))];
  const where = regions.length ? ` in ${new Intl.ListFormat('en-GB', { type: 'conjunction' }).format(regions)}` : '';
  const by = `rolled back by ${actorWords(run.startedBy)}`;
  return {
    id: rollbackDoneAlertId(id),
    severity: 'info',
    regionId: null,
    title: `${id} ${by}`,
    detail: `${id} runs its earlier versions again${where}. It is now “${status}”.`,
    at: run.endedAt ?? run.startedAt,
    actions: [{ kind: 'rollback', label: `${id} rolled back: open the record`, handoverId: id }],
    summary: `${where.trim() || 'Done'}; now “${status}”`,
  };
}

/** Where the workspace names Slack channels, the on-call announcement's draft is one click away (posted from the Evidence screen, decided there). */
function announceAction(workspace: Workspace, rolledBack: boolean): AlertView['actions'] {
  const channels = workspace.announcements?.slack ?? [];
  if (rolledBack || channels.length === 0) return [];
  return [{ kind: 'open-announcements', label: `Announce to on-call (${channels.map((c) => c.channel).join(', ')})`, handoverId: null }];
}

/**
 * Issue 19: a breach being fixed forward is in hand until its deadline; once the deadline passed without
 * the fix, it comes back as critical as a breach that rolls back at once.
 */
function breachSeverity(alert: MetricsAlert, decisions: readonly FixForwardRecord[]): AlertView['severity'] {
  if (decisions.some((d) => d.status === 'expired')) return 'critical';
  if (decisions.length > 0 && decisions.every((d) => d.status === 'fixing')) return 'info';
  return alert.level === 'immediate' ? 'critical' : 'warning';
}

/**
 * What a breach offers for one handover: "Roll back HO-…", and (issue 19) "Fix forward HO-…" where
 * shared/engine/decideFixForward.ts says it may be. While a fix forward runs, the rollback stays reachable
 * as the other way out; once its deadline passed, the rollback is offered again as the answer.
 */
function breachActions(input: LiveInput, handoverId: string): AlertView['actions'] {
  const run = input.record.rollbacks[handoverId];
  // A breach that outlasts the rollback (the drill still runs) must not offer to roll back again what is rolled back.
  if (run?.status === 'done') return [{ kind: 'rollback', label: `${handoverId} rolled back: open the record`, handoverId }];
  // Nor to start again what is running or stopped: it opens the run, as the testing failure's banner does.
  if (run?.status === 'running' || run?.status === 'failed') return [{ kind: 'rollback', label: `Open ${handoverId}'s rollback`, handoverId }];
  const fixing = input.record.fixForwards[handoverId]?.status === 'fixing';
  const rollback = { kind: 'rollback' as const, label: fixing ? `Roll back ${handoverId} instead` : `Roll back ${handoverId}`, handoverId };
  const policy = input.workspace.fixForward;
  if (!policy || fixForwardUnavailable(input.state, input.workspace, input.release.id, handoverId)) return [rollback];
  const offer = { severities: policy.severities, deadline: input.now + policy.deadlineMinutes * 60_000 };
  return [rollback, { kind: 'fix-forward', label: `Fix forward ${handoverId}`, handoverId, fixForward: offer }];
}

/** Everything the screens show for one release, decided by shared/'s rules at `now`. */
/**
 * One step instance's view, for an intent's reply: the step engine runs over the release (a step's state
 * depends on the steps before it), but the rest of the view (handovers, regions, alerts) is not built for
 * a reply the window's next push carries anyway.
 */
export function buildStepView(input: ViewInput, key: string): StepView | null {
  const record = recordOf(input.state, input.release.id);
  const release = liveRelease(input.release, record);
  const live: LiveInput = { ...input, release, record };
  const steps = stepById(input.workspace, release);
  const instance = computeStepStates({ workspace: input.workspace, release, progress: progressOf(record, input.state.world), now: input.now }).find((i) => instanceKey(i.stepId, i.region) === key);
  return instance ? stepView(live, instance, steps.get(instance.stepId)!, doneBeforeReopenIn(live)) : null;
}

/** One handover's view, for a transition's reply. */
export function buildHandoverView(input: ViewInput, handoverId: string): HandoverView | null {
  const record = recordOf(input.state, input.release.id);
  const release = liveRelease(input.release, record);
  const ho = release.handovers.find((h) => h.id === handoverId);
  return ho ? handoverView({ ...input, release, record }, ho) : null;
}

export function buildReleaseView(input: ViewInput, releases: ReleaseView['releases']): ReleaseView {
  const { workspace, now } = input;
  const record = recordOf(input.state, input.release.id);
  const release = liveRelease(input.release, record);
  const live: LiveInput = { ...input, release, record };
  const index = indexWorkspace(workspace);
  const steps = stepById(workspace, release);
  const instances = computeStepStates({ workspace, release, progress: progressOf(record, input.state.world), now });
  const doneBefore = doneBeforeReopenIn(live);
  const stepViews = instances.map((instance) => stepView(live, instance, steps.get(instance.stepId)!, doneBefore));
  const runbook = index.runbooks.get(release.runbook);
  const statuses = runbook ? gateStatuses(release, runbook, now) : [];
  const gates: GateView[] = (runbook?.gates ?? []).map((gate) => {
    const status = statuses.find((s) => s.gateId === gate.id);
    return {
      id: gate.id,
      title: gate.title,
      deadline: status?.deadline ?? null,
      deadlineZone: gate.deadline?.zone ?? null,
      missed: status?.missed ?? false,
      onMiss: status?.consequence ?? null,
      steps: stepViews.filter((s) => s.gateId === gate.id),
    };
  });
  const qa = qaItemsOf(workspace, release, record).map((item) => ({ ...item, refused: qaRefusals(live, item) }));
  const alerts = Object.values(input.state.metrics).flatMap((facts) => facts?.alerts ?? []);
  const type = index.releaseTypes.get(release.type);
  return {
    now,
    operator: input.operator,
    releases,
    release: { id: release.id, title: release.title, type: release.type, typeTitle: type?.title ?? release.type, runbookTitle: runbook?.title ?? release.runbook, cycleStart: release.cycleStart, strategy: strategyOf(runbook) },
    gates,
    handovers: release.handovers.map((ho) => handoverView(live, ho)),
    regions: workspace.regions.map((r) => regionView(live, r.id, stepViews, alerts)),
    qa,
    alerts: alertViews(live, alerts, gates, qa),
    storageWarnings: input.storageWarnings,
  };
}

/** Issue 15: the region's lease as the tile shows it, its expiry moved on by the latest heartbeat. */
function leaseView(state: EngineState, regionId: string, now: number): RegionView['lease'] {
  const lease = Object.hasOwn(state.leases, regionId) ? state.leases[regionId]! : null;
  if (!lease) return null;
  const expiresAt = leaseExpiry(state, lease);
  const takenOverFrom = lease.takenOverFrom ? { holder: lease.takenOverFrom.holder, reason: lease.takenOverFrom.reason } : null;
  return { holder: lease.holder, purpose: lease.purpose, since: leaseSince(state, lease), expiresAt, expired: now >= expiresAt, lastHeartbeatAt: leaseLastHeartbeat(state, lease), canTakeOver: takeOverBlocked(state, regionId, now) === null, takenOverFrom };
}
