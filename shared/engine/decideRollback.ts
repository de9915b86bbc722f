import { transition } from '../handover/status';
import { outcomeLine, rollbackOutcomes } from '../rollback/outcomes';
import { buildRollbackPlan, handoverPackageArgs } from '../rollback/plan';
import { DEFAULT_RECOVERY_MINUTES } from '../rollback/restored';
import type { RollbackRecord, RollbackStepRecord } from '../rollback/record';
import { neutraliseEscapes } from '../terminal/neutralise';
import type { Handover, HandoverStatus, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { refuse, refuseNaming, releaseOf, type Decision, type EngineState } from './decision';
import { rollbackStepEffects } from './effects';
import { isWithheldInRehearsal, wouldRunLine } from './rehearsalTools';
import type { EventOf, ReleaseEvent, RollbackChange } from './events';
import { recordOf } from './fold';
import type { Intent } from './intents';
import { liveRelease } from './live';
import { handoverMoveRefusal } from './handoverMoves';
import { staleRetryRefusal, staleStopRefusal } from './stepSeen';
import type { Actor, ReleaseRecord } from './state';
import { alertDetail } from '../metrics/alerts';
import { testingFailureReason, testingFailures } from './testingFailure';
import { actorWords, stopperWords } from '../words';

type RollbackIntent = Extract<
  Intent,
  { kind: 'startRollback' | 'retryRollback' | 'skipRollbackStep' | 'abortRollback' | 'stopRollbackStep' | 'rollbackStepStarting' | 'rollbackStepExited' | 'rollbackStepWithheld' | 'rollbackFinishing' | 'rollbackInterrupted' | 'serviceRestored' }
>;

interface Context {
  state: EngineState;
  now: number;
  actor: Actor;
  workspace: Workspace;
  release: string;
  record: ReleaseRecord;
  handover: Handover;
}

/**
 * Issue 15: the desk that lost a race to roll a handover back (or pressed it later) is told by whom and
 * since when, in the words the on-call engineer needs: "HO-1234 is already being rolled back by carol
 * (on-call PE) since 14:02 UTC".
 */
function alreadyUnderWay(handoverId: string, run: RollbackRecord): Decision {
  return refuseNaming('conflict', run.startedAt, (when) => {
    const by = `${run.startedBy.name} (${run.startedBy.role}) since ${when}`;
    if (run.status === 'running') return `${handoverId} is already being rolled back by ${by}.`;
    // A person's Stop is not a failure: the banner and the dialog say "STOPPED by oscar (on-call PE)".
    if (run.status === 'failed' && run.stopping) return `${handoverId}'s rollback, started by ${by}, was stopped by ${stopperWords(run.stopping)}; retry, skip or abort it.`;
    return `${handoverId}'s rollback, started by ${by}, stopped on a failure; retry, skip or abort it.`;
  });
}

/**
 * Issue 7's rollback, decided: who may run one (the workspace's rollback roles), whether its plan can
 * start, and what each observed step outcome does to the run and the handover (seed 000's failure path).
 */
export function decideRollback(intent: RollbackIntent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const release = releaseOf(workspace, intent.release);
  if (!release) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
  const handover = release.handovers.find((h) => h.id === intent.handover);
  if (!handover) return refuse('not_found', `There is no handover ${intent.handover} in ${intent.release}.`);
  const ctx: Context = { state, now, actor, workspace, release: intent.release, record: recordOf(state, intent.release), handover };
  const run = ctx.record.rollbacks[handover.id];

  switch (intent.kind) {
    case 'startRollback': {
      const denied = roleRefusal(ctx);
      if (denied) return denied;
      if (intent.confirm !== handover.id) return refuse('blocked', `Type ${handover.id} exactly to confirm the rollback.`);
      if (run && (run.status === 'running' || run.status === 'failed')) return alreadyUnderWay(handover.id, run);
      const live = liveRelease(release, ctx.record);
      const plan = buildRollbackPlan(workspace, live, { ...ctx.record, ...state.world }, handover.id);
      if (!plan.canStart || !plan.path) return refuse('blocked', `${handover.id} cannot be rolled back yet: ${plan.flags.map((f) => f.reason).join(' ')}`);
      // The run moves the handover along its path as whoever started it: releases.yaml's handoverMoves hold for those moves too.
      const path = plan.path;
      const notTheirs = [path.start, path.afterProduction, path.end].flatMap((to) => (to ? [handoverMoveRefusal(workspace, to as HandoverStatus, actor)] : [])).find((refusal) => refusal !== null);
      if (notTheirs) return refuse('blocked', `${notTheirs} A rollback of ${handover.id} moves it there.`);
      const regionIds = plan.regions.map((r) => r.regionId);
      const trigger = triggerFor(state, workspace, regionIds, handover.id);
      const started: RollbackRecord = {
        handoverId: handover.id,
        status: 'running',
        path: plan.path,
        startedAt: now,
        startedBy: actor,
        endedAt: null,
        reason: intent.reason?.trim() || (trigger ? `${trigger.title} (${trigger.detail})` : (testingFailureReason(testingFailures(workspace, live, ctx.record, state.world), handover.id) ?? 'No reason given, and no breach alert was active.')),
        abortRequested: false,
        stopping: null,
        trigger,
        deployedAt: deployedAt(workspace, ctx.record, handover, regionIds),
        notes: plan.notes,
        history: [],
        restoredAt: null,
        waitingFor: null,
        waitingInstants: [],
        steps: plan.regions.flatMap((region) => region.steps.map((step) => ({ ...step, environment: region.environment, state: 'pending' as const, exitCode: null, startedAt: null, endedAt: null, detail: null }))),
      };
      const detail = { rollback: handover.id, reason: started.reason, trigger: trigger?.alertId ?? null, regions: regionIds, steps: started.steps.map((s) => `${s.regionId}: ${s.argv.join(' ')}`) };
      const moves = plan.handoverStatus !== plan.path.start && plan.handoverStatus !== plan.path.afterProduction ? moveHandover(ctx, plan.path.start) : [];
      return { allowed: true, events: [changed(ctx, 'startRollback', started, null, null, detail), ...moves] };
    }
    case 'retryRollback': {
      const denied = roleRefusal(ctx) ?? stoppedRefusal(ctx, run, 'retried');
      if (denied || !run) return denied ?? refuse('not_found', `${handover.id} has no rollback in ${intent.release}.`);
      const failed = run.steps.find((s) => s.state === 'failed');
      const stale = staleRetryRefusal(run.steps, intent.stepId, failed, `${handover.id}'s rollback`);
      if (stale) return stale;
      const retried = { at: now, line: `Rollback retried by ${actor.name} (${actor.role})${failed ? `: ${failed.argv.join(' ')} in ${failed.regionId} again` : ''}` };
      const next = { ...run, status: 'running' as const, stopping: null, history: [...run.history, retried], steps: run.steps.map((s) => (s === failed ? { ...s, state: 'pending' as const, exitCode: null, detail: null } : s)) };
      return { allowed: true, events: [changed(ctx, 'retryRollback', next, failed?.regionId ?? null, failed?.id ?? null, { rollback: handover.id, step: failed?.id ?? null, argv: failed?.argv ?? null })] };
    }
    case 'skipRollbackStep': {
      const denied = roleRefusal(ctx) ?? stoppedRefusal(ctx, run, 'skipped');
      if (denied || !run) return denied ?? refuse('not_found', `${handover.id} has no rollback in ${intent.release}.`);
      const step = run.steps.find((s) => s.id === intent.stepId);
      if (!step || step.state !== 'failed') return refuse('conflict', `Only the step the rollback stopped on can be skipped${step ? `; ${step.title} is ${step.state}` : ''}.`);
      if (!intent.reason.trim()) return refuse('invalid_request', `Skipping ${step.title} needs a reason: it goes into the incident record.`);
      const skipped = { at: now, line: `Rollback step skipped by ${actor.name} (${actor.role}): ${step.argv.join(' ')} in ${step.regionId}: ${intent.reason}` };
      const next = { ...run, status: 'running' as const, stopping: null, history: [...run.history, skipped], steps: run.steps.map((s) => (s === step ? { ...s, state: 'skipped' as const, detail: intent.reason } : s)) };
      return { allowed: true, events: [changed(ctx, 'skipRollbackStep', next, step.regionId, step.id, { rollback: handover.id, step: step.id, argv: step.argv, reason: intent.reason })] };
    }
    case 'abortRollback': {
      const denied = roleRefusal(ctx);
      if (denied) return denied;
      if (!run) return refuse('not_found', `${handover.id} has no rollback in ${intent.release}.`);
      if (run.status !== 'running' && run.status !== 'failed') return refuse('conflict', `${handover.id}'s rollback has ended (${run.status}); there is nothing to abort.`);
      const asked = changed(ctx, 'abortRollback', run.status === 'failed' ? run : { ...run, abortRequested: true }, null, null, { rollback: handover.id, while: run.status });
      // A stopped run ends now; a running one ends when its current step returns (the runner asks then).
      return { allowed: true, events: run.status === 'failed' ? [asked, ...finish(ctx, { ...run, status: 'aborted', endedAt: now })] : [asked] };
    }
    case 'stopRollbackStep': {
      const denied = roleRefusal(ctx);
      if (denied) return denied;
      const step = run?.status === 'running' ? run.steps.find((s) => s.state === 'running') : undefined;
      if (!run || !step) return refuse('conflict', `${handover.id}'s rollback is running no command; there is nothing to stop.`);
      const stale = staleStopRefusal(run.steps, intent.stepId, step, `${handover.id}'s rollback`);
      if (stale) return stale;
      if (run.stopping) {
        const stopper = stopperWords(run.stopping);
        return refuseNaming('conflict', run.stopping.at, (when) => `${step.argv.join(' ')} in ${step.regionId} is already being stopped, by ${stopper} at ${when}.`);
      }
      const line = { at: now, line: `Stop asked by ${actorWords(actor)}: ${step.argv.join(' ')} in ${step.regionId}` };
      const stopping = { ...run, stopping: { stepId: step.id, by: actor.name, role: actor.role, at: now }, history: [...run.history, line] };
      return { allowed: true, events: [changed(ctx, 'stopRollbackStep', stopping, step.regionId, step.id, { rollback: handover.id, step: step.id, argv: step.argv })] };
    }
    case 'rollbackStepStarting': {
      if (!run || run.status !== 'running' || run.abortRequested) return refuse('conflict', `${handover.id}'s rollback is not running.`);
      const next = run.steps.find((s) => s.state === 'pending');
      if (!next || next.id !== intent.stepId) return refuse('conflict', `${intent.stepId} is not the next step of ${handover.id}'s rollback.`);
      // Seed 000: production is rolled back first; the HO moves to the stage rollback before stage runs.
      const moves = next.environment === 'staging' ? toStage(ctx, run) : [];
      const started = withStep(run, next.id, { state: 'running', startedAt: now, endedAt: null, exitCode: null, detail: null });
      return { allowed: true, events: [...moves, changed(ctx, 'rollbackStepStarted', started, next.regionId, next.id, { rollback: handover.id, step: next.id, argv: next.argv })] };
    }
    case 'rollbackStepExited': {
      const step = run?.steps.find((s) => s.id === intent.stepId);
      if (!run || !step || step.state !== 'running') return refuse('conflict', `${intent.stepId} of ${handover.id}'s rollback is not running.`);
      return stepExited(ctx, run, step, intent.outcome);
    }
    case 'rollbackStepWithheld': {
      const step = run?.steps.find((s) => s.id === intent.stepId);
      if (!run || !step || step.state !== 'running') return refuse('conflict', `${intent.stepId} of ${handover.id}'s rollback is not running.`);
      // A rollback reaches production as surely as a deploy: in a rehearsal it is withheld unless rehearsal-safe.
      if (!isWithheldInRehearsal(indexWorkspace(workspace).commands.get(step.commandId), intent.rehearsal)) return refuse('conflict', `${step.argv.join(' ')} runs for real here; it is not withheld.`);
      const wouldRun: ReleaseEvent = { type: 'commandWouldRun', ...runAt(ctx, run, step), commandId: step.commandId, effects: rollbackStepEffects(step) };
      // A stop asked of it ends with it, as with a command's exit: it would otherwise stand against the next command's Stop.
      return stepDone(ctx, { ...run, stopping: null }, step, { state: 'done', exitCode: null, endedAt: now, detail: wouldRunLine(step.argv) }, wouldRun);
    }
    case 'rollbackFinishing': {
      if (!run || run.status !== 'running') return refuse('conflict', `${handover.id}'s rollback is not running.`);
      if (run.abortRequested) return { allowed: true, events: finish(ctx, { ...run, status: 'aborted', endedAt: now }) };
      if (run.steps.some((s) => s.state === 'pending' || s.state === 'running')) return refuse('conflict', `${handover.id}'s rollback has steps left to run.`);
      return { allowed: true, events: finish(ctx, { ...run, status: 'done', endedAt: now }) };
    }
    case 'serviceRestored': {
      if (!run || run.status !== 'done' || run.endedAt === null) return refuse('conflict', `${handover.id}'s rollback has not finished; the service cannot be restored by it yet.`);
      if (run.restoredAt !== null) return refuse('conflict', `${handover.id}'s service was restored at ${new Date(run.restoredAt).toISOString()} already.`);
      if (intent.healthySince < run.endedAt || intent.at < intent.healthySince || intent.at > now) return refuse('invalid_request', `A recovery is counted from the end of ${handover.id}'s rollback, up to now.`);
      const minutes = workspace.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES;
      if (intent.at - intent.healthySince < minutes * 60_000) return refuse('invalid_request', `The metrics must be back under the rollback criteria for ${minutes} minutes before the service counts as restored.`);
      const restored = { ...run, restoredAt: intent.at };
      return { allowed: true, events: [changed(ctx, 'serviceRestored', restored, null, null, { rollback: handover.id, healthySince: intent.healthySince, restoredAt: intent.at, recoveryMinutes: minutes })] };
    }
    case 'rollbackInterrupted': {
      if (!run || run.status !== 'running') return refuse('conflict', `${handover.id}'s rollback was not running.`);
      const detail = 'Interrupted: the console stopped while this ran. Check the region, then retry or skip.';
      const stopped = { ...run, status: 'failed' as const, stopping: null, history: [...run.history, { at: now, line: `Rollback stopped: ${detail}` }], steps: run.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed' as const, detail } : s)) };
      return { allowed: true, events: [changed(ctx, 'rollbackInterrupted', stopped, null, null, { rollback: handover.id, interrupted: true })] };
    }
  }
}

/**
 * A rollback command's exit. The Stop asked of it ends with it, but who asked stays on a run that stops there: the
 * banner and the dialog then say the run was stopped by them, not "on a failure" (as a step's stopRequested is kept).
 */
function stepExited(ctx: Context, asked: RollbackRecord, step: RollbackStepRecord, outcome: Extract<Intent, { kind: 'rollbackStepExited' }>['outcome']): Decision {
  const { now } = ctx;
  const run = { ...asked, stopping: null };
  const stoppedBy = asked.stopping?.stepId === step.id ? { ...run, stopping: asked.stopping } : run;
  const at = runAt(ctx, run, step);
  if (!outcome.started) {
    const detail = `${step.argv.join(' ')} could not start: ${outcome.error}`;
    const exited: ReleaseEvent = { type: 'commandExited', ...at, run: null, exitCode: null, signal: null, error: detail, effects: [] };
    return { allowed: true, events: [exited, ...stopOrAbort(ctx, stoppedBy, step, { state: 'failed', endedAt: now, detail })] };
  }
  const interruption = outcome.interruption ?? null;
  const ok = outcome.exitCode === 0 && interruption === null;
  const record = { commandId: step.commandId, argv: step.argv, regionId: step.regionId, exitCode: outcome.exitCode, startedAt: outcome.startedAt, endedAt: outcome.endedAt, transcriptFile: outcome.transcriptFile, outputTail: outcome.outputTail };
  const exited: ReleaseEvent = { type: 'commandExited', ...at, run: record, exitCode: outcome.exitCode, signal: outcome.signal, error: null, effects: ok ? rollbackStepEffects(step) : [] };
  if (!ok) {
    const lastLine = neutraliseEscapes(outcome.outputTail).trim().split('\n').at(-1) ?? '';
    const how = interruption ? interruption.message : outcome.signal ? `killed by ${outcome.signal}` : `exited with ${outcome.exitCode}`;
    return { allowed: true, events: [exited, ...stopOrAbort(ctx, stoppedBy, step, { state: 'failed', exitCode: outcome.exitCode, endedAt: outcome.endedAt, detail: `${how}${lastLine ? `: ${lastLine.slice(0, 300)}` : ''}` })] };
  }
  return stepDone(ctx, run, step, { state: 'done', exitCode: 0, endedAt: outcome.endedAt }, exited);
}

/** A rollback step that did its work (ran, or was withheld in a rehearsal): its command's event, then the run moves on. */
function stepDone(ctx: Context, run: RollbackRecord, step: RollbackStepRecord, change: Partial<RollbackStepRecord>, command: ReleaseEvent): Decision {
  const after = withStep(run, step.id, change);
  const region = after.steps.filter((s) => s.regionId === step.regionId);
  const regionDone = region.at(-1)?.id === step.id && region.every((s) => s.state === 'done');
  const detail = { rollback: run.handoverId, step: step.id, ...(regionDone ? { regionRolledBack: step.regionId } : {}) };
  return { allowed: true, events: [command, changed(ctx, 'rollbackStepDone', after, step.regionId, step.id, detail)] };
}

/** Where a rollback step's command events say they ran: its region, its step, and its run key. */
function runAt(ctx: Context, run: RollbackRecord, step: RollbackStepRecord) {
  return { actor: ctx.actor, at: ctx.now, release: ctx.release, region: step.regionId, step: `rollback:${step.id}`, runKey: `rollback-${run.handoverId}@${step.regionId}`, argv: step.argv, rollback: run.handoverId };
}

/**
 * A failed step stops the run, to retry, skip or abort; but an abort already asked (it waited for this command, which
 * then failed or was stopped) ends the run now, aborted, rather than offering a retry nobody asked for.
 */
function stopOrAbort(ctx: Context, run: RollbackRecord, step: RollbackStepRecord, change: Partial<RollbackStepRecord>): ReleaseEvent[] {
  const stopped = stop(ctx, run, step, change);
  if (!run.abortRequested || stopped.type !== 'rollbackChanged') return [stopped];
  return [stopped, ...finish(ctx, { ...stopped.run, status: 'aborted', endedAt: ctx.now })];
}

function stop(ctx: Context, run: RollbackRecord, step: RollbackStepRecord, change: Partial<RollbackStepRecord>): ReleaseEvent {
  const failed = { ...step, ...change };
  const line = `Rollback stopped: ${step.argv.join(' ')} in ${step.regionId} ${failed.exitCode !== null ? `exit ${failed.exitCode}` : 'failed'}${failed.detail ? `: ${failed.detail}` : ''}`;
  const stopped = { ...withStep(run, step.id, change), status: 'failed' as const, history: [...run.history, { at: change.endedAt ?? ctx.now, line }] };
  const { rolledBack, notRolledBack } = rollbackOutcomes(stopped);
  return changed(ctx, 'rollbackStopped', stopped, step.regionId, step.id, { rollback: run.handoverId, stopped: step.id, rolledBack: rolledBack.map(outcomeLine), notRolledBack: notRolledBack.map(outcomeLine) });
}

function finish(ctx: Context, run: RollbackRecord): ReleaseEvent[] {
  const moves: ReleaseEvent[] = [];
  let status = statusOf(ctx);
  // Both moves may fall in this one decision: the second is judged on the history the first leaves.
  let history = ctx.record.handovers[ctx.handover.id]?.history ?? [];
  if (run.status === 'done') {
    for (const to of [run.path.afterProduction, run.path.end]) {
      if (!to || status === to || (to === run.path.afterProduction && status !== run.path.start)) continue;
      const moved = moveFrom(ctx, status, to, history);
      moves.push(...moved);
      if (moved.length) {
        history = [...history, status];
        status = to as HandoverStatus;
      }
    }
  }
  const { rolledBack, notRolledBack } = rollbackOutcomes(run);
  return [...moves, changed(ctx, 'rollbackFinished', run, null, null, { rollback: run.handoverId, finished: run.status, rolledBack: rolledBack.map(outcomeLine), notRolledBack: notRolledBack.map(outcomeLine), handoverStatus: status })];
}

function toStage(ctx: Context, run: RollbackRecord): ReleaseEvent[] {
  return run.path.afterProduction && statusOf(ctx) === run.path.start ? moveHandover(ctx, run.path.afterProduction) : [];
}

function moveHandover(ctx: Context, to: string): ReleaseEvent[] {
  return moveFrom(ctx, statusOf(ctx), to, ctx.record.handovers[ctx.handover.id]?.history ?? []);
}

function moveFrom(ctx: Context, from: HandoverStatus, to: string, history: readonly HandoverStatus[]): ReleaseEvent[] {
  const moved = transition({ id: ctx.handover.id, status: from, history }, to as HandoverStatus);
  return moved.ok ? [{ type: 'handoverMoved', actor: ctx.actor, at: ctx.now, release: ctx.release, handover: ctx.handover.id, from, to: moved.handover.status }] : [];
}

function statusOf(ctx: Context): HandoverStatus {
  return ctx.record.handovers[ctx.handover.id]?.status ?? ctx.handover.status;
}

function withStep(run: RollbackRecord, stepId: string, change: Partial<RollbackStepRecord>): RollbackRecord {
  return { ...run, steps: run.steps.map((s) => (s.id === stepId ? { ...s, ...change } : s)) };
}

function changed(ctx: Context, intent: RollbackChange, run: RollbackRecord, region: string | null, step: string | null, detail: Record<string, unknown>): EventOf<'rollbackChanged'> {
  return { type: 'rollbackChanged', actor: ctx.actor, at: ctx.now, release: ctx.release, region, step, intent, detail, run };
}

/** Seed 002: rollback authority is the workspace's to name (its `rollback.yaml` roles). */
function roleRefusal(ctx: Context): Decision | null {
  return rollbackRoleRefusal(ctx.workspace, ctx.actor);
}

/** rollback.yaml's `roles`: who may run a rollback, through its dialog or by typing its command into a console shell. */
export function rollbackRoleRefusal(workspace: Workspace, actor: Actor): Decision | null {
  const roles = workspace.rollbackRoles;
  if (roles === null || roles.some((r) => r.toLowerCase() === actor.role.toLowerCase())) return null;
  return refuse('blocked', `A rollback is run by ${roles.join(' or ')}; ${actor.name} is signed in as ${actor.role}.`);
}

function stoppedRefusal(ctx: Context, run: RollbackRecord | undefined, verb: string): Decision | null {
  if (!run) return refuse('not_found', `${ctx.handover.id} has no rollback in ${ctx.release}.`);
  return run.status === 'failed' ? null : refuse('conflict', `Only a rollback that stopped on a failure can be ${verb}; ${ctx.handover.id}'s is ${run.status}.`);
}

/** The earliest critical breach in a region the HO reached, from the latest metric facts: what the incident record says was detected. */
function triggerFor(state: EngineState, workspace: Workspace, regionIds: string[], handoverId: string): RollbackRecord['trigger'] {
  const breaches = Object.values(state.metrics)
    .flatMap((facts) => facts?.alerts ?? [])
    .filter((a) => a.active && (a.handovers.includes(handoverId) || regionIds.includes(a.regionId)))
    .sort((a, b) => (a.level === b.level ? a.sinceMs - b.sinceMs : a.level === 'immediate' ? -1 : 1));
  const alert = breaches[0];
  if (!alert) return null;
  // Seed 002's timeline names the metric that spiked, in the workspace's own words for it.
  const label = workspace.metrics.find((m) => m.id === alert.metricId)?.label;
  return { headline: label ? `${label} spike detected` : null, alertId: `metrics:${alert.id}`, regionId: alert.regionId, title: `${alert.regionId}: ${alert.title}`, detail: alertDetail(alert, workspace.metrics), at: alert.sinceMs };
}

/**
 * When the last successful deploy of one of the HO's packages to a region it reached finished: a deploy
 * run naming the package, or a version the release's own commands left there (seed 004's
 * `gh workflow run … --ref v1.2.3` names no package; its step's package is in versionChanges).
 */
function deployedAt(workspace: Workspace, record: ReleaseRecord, handover: Handover, regionIds: string[]): number | null {
  const index = indexWorkspace(workspace);
  const names = handoverPackageArgs(workspace, handover);
  const ends = Object.values(record.runs)
    .flat()
    .filter((r) => r.exitCode === 0 && r.regionId !== null && regionIds.includes(r.regionId) && index.commands.get(r.commandId)?.purpose === 'deploy' && r.argv.some((a) => names.has(a)))
    .map((r) => r.endedAt);
  // A deploy whose argv never names the package as a whole entry (seed 002: `./scripts/deploy.sh staging
  // v1.2.3`, `kubectl set image … app=registry/app:v1.2.3`) is found by the version its effect left.
  const changes = record.versionChanges.filter((c) => c.rollback === null && c.version !== null && regionIds.includes(c.region) && names.has(c.package)).map((c) => c.at);
  const all = [...ends, ...changes];
  return all.length ? Math.max(...all) : null;
}
