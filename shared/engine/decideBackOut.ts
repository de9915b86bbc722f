import { buildBackOutPlan, type BackOutRecord } from '../rollback/backOut';
import type { RollbackStepRecord } from '../rollback/record';
import { neutraliseEscapes } from '../terminal/neutralise';
import type { Release, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { backOutRunKey } from './decideLease';
import { refuse, refuseNaming, releaseOf, type Decision, type EngineState } from './decision';
import { rollbackStepEffects } from './effects';
import type { BackOutChange, EventOf, ReleaseEvent } from './events';
import { recordOf } from './fold';
import type { Intent } from './intents';
import { liveRelease } from './live';
import { isWithheldInRehearsal, wouldRunLine } from './rehearsalTools';
import { staleStopRefusal } from './stepSeen';
import type { Actor } from './state';
import { stopperWords } from '../words';

type BackOutIntent = Extract<Intent, { kind: 'backOutRegion' | 'stopBackOutStep' | 'backOutStepStarting' | 'backOutStepExited' | 'backOutStepWithheld' | 'backOutFinishing' | 'backOutInterrupted' }>;

/**
 * "Back out region" (issue 17), decided: who may (the workspace's rollback roles, as for a rollback), the
 * plan it runs (rollback/backOut.ts), and each observed step's outcome. No window, freeze or deadline is
 * asked: backing out is the way out, like a rollback (decideRollback.ts).
 */
export function decideBackOut(intent: BackOutIntent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const release = releaseOf(workspace, intent.release);
  if (!release) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
  if (!indexWorkspace(workspace).regions.has(intent.region)) return refuse('not_found', `There is no region ${intent.region}.`);
  const record = recordOf(state, intent.release);
  const run = record.backOuts[intent.region];
  const changed: Changed = (name, next, step, detail) => ({ type: 'backOutChanged', actor, at: now, release: intent.release, region: intent.region, step, intent: name, detail, run: next });

  switch (intent.kind) {
    case 'backOutRegion': {
      const denied = roleRefusal(workspace, actor);
      if (denied) return denied;
      if (intent.confirm !== intent.region) return refuse('blocked', `Type ${intent.region} exactly to confirm backing it out.`);
      if (run?.status === 'running') return refuse('conflict', `${intent.region} is already being backed out.`);
      const plan = buildBackOutPlan(workspace, liveRelease(release, record), { ...record, ...state.world }, intent.region);
      if (plan.nothingToDo) return refuse('conflict', plan.nothingToDo);
      if (plan.flags.length) return refuse('blocked', `${intent.region} cannot be backed out yet: ${plan.flags.join(' ')}`);
      const started: BackOutRecord = {
        regionId: intent.region,
        status: 'running',
        startedAt: now,
        startedBy: actor,
        endedAt: null,
        reason: intent.reason?.trim() || 'Backed out by hand.',
        handovers: plan.handovers,
        steps: plan.steps.map((s) => ({ ...s, environment: indexWorkspace(workspace).regions.get(intent.region)!.environment, state: 'pending' as const, exitCode: null, startedAt: null, endedAt: null, detail: null })),
        stopping: null,
      };
      return { allowed: true, events: [changed('backOutRegion', started, null, { handovers: plan.handovers, reason: started.reason, steps: started.steps.map((s) => s.argv.join(' ')) })] };
    }
    case 'stopBackOutStep': {
      const denied = roleRefusal(workspace, actor);
      if (denied) return denied;
      const step = run?.status === 'running' ? run.steps.find((s) => s.state === 'running') : undefined;
      if (!run || !step) return refuse('conflict', `Backing ${intent.region} out is running no command; there is nothing to stop.`);
      const stale = staleStopRefusal(run.steps, intent.stepId, step, `Backing ${intent.region} out`);
      if (stale) return stale;
      if (run.stopping) {
        const stopper = stopperWords(run.stopping);
        return refuseNaming('conflict', run.stopping.at, (when) => `${step.argv.join(' ')} is already being stopped, by ${stopper} at ${when}.`);
      }
      return { allowed: true, events: [changed('stopBackOutStep', { ...run, stopping: { stepId: step.id, by: actor.name, role: actor.role, at: now } }, step.id, { step: step.id, argv: step.argv })] };
    }
    case 'backOutStepStarting': {
      if (!run || run.status !== 'running') return refuse('conflict', `${intent.region} is not being backed out.`);
      const next = run.steps.find((s) => s.state === 'pending');
      if (!next || next.id !== intent.stepId) return refuse('conflict', `${intent.stepId} is not the next step of backing ${intent.region} out.`);
      return { allowed: true, events: [changed('backOutStepStarted', withStep(run, next.id, { state: 'running', startedAt: now }), next.id, { step: next.id, argv: next.argv })] };
    }
    case 'backOutStepWithheld': {
      const step = run?.steps.find((s) => s.id === intent.stepId);
      if (!run || !step || step.state !== 'running') return refuse('conflict', `${intent.stepId} of backing ${intent.region} out is not running.`);
      if (!isWithheldInRehearsal(indexWorkspace(workspace).commands.get(step.commandId), intent.rehearsal)) return refuse('conflict', `${step.argv.join(' ')} runs for real here; it is not withheld.`);
      const wouldRun: ReleaseEvent = { type: 'commandWouldRun', ...runAt(intent.release, intent.region, step, actor, now), commandId: step.commandId, effects: rollbackStepEffects(step) };
      // A stop asked of it ends with it: it would otherwise stand against the next command's Stop.
      return { allowed: true, events: [wouldRun, changed('backOutStepDone', withStep({ ...run, stopping: null }, step.id, { state: 'done', endedAt: now, detail: wouldRunLine(step.argv) }), step.id, { step: step.id })] };
    }
    case 'backOutStepExited': {
      const step = run?.steps.find((s) => s.id === intent.stepId);
      if (!run || !step || step.state !== 'running') return refuse('conflict', `${intent.stepId} of backing ${intent.region} out is not running.`);
      return stepExited(intent, run, step, actor, now, changed);
    }
    case 'backOutFinishing': {
      if (!run || run.status !== 'running') return refuse('conflict', `${intent.region} is not being backed out.`);
      if (run.steps.some((s) => s.state === 'pending' || s.state === 'running')) return refuse('conflict', `Backing ${intent.region} out has steps left to run.`);
      const again = stillRunning(workspace, liveRelease(release, record), state, intent.region);
      if (again) {
        const check: RollbackStepRecord = { id: `${intent.region}/recheck/`, regionId: intent.region, kind: 'verify', package: null, fromVersion: null, toVersion: null, commandId: '', argv: [], title: `Check what ${intent.region} runs now`, note: null, environment: indexWorkspace(workspace).regions.get(intent.region)!.environment, state: 'failed', exitCode: null, startedAt: now, endedAt: now, detail: again };
        const stopped = { ...run, status: 'failed' as const, endedAt: now, steps: [...run.steps, check] };
        return { allowed: true, events: [changed('backOutStopped', stopped, check.id, { stopped: check.id, detail: again })] };
      }
      const done = { ...run, status: 'done' as const, endedAt: now };
      return { allowed: true, events: [changed('backOutFinished', done, null, { handovers: run.handovers, steps: run.steps.length })] };
    }
    case 'backOutInterrupted': {
      if (!run || run.status !== 'running') return refuse('conflict', `${intent.region} was not being backed out.`);
      const detail = 'Interrupted: the console stopped while this ran. Check the region, then back it out again.';
      const running = run.steps.find((s) => s.state === 'running');
      const stopped = { ...run, status: 'failed' as const, endedAt: now, stopping: null, steps: run.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed' as const, endedAt: now, detail } : s)) };
      return { allowed: true, events: [changed('backOutInterrupted', stopped, running?.id ?? null, { interrupted: true, ...(running ? { stopped: running.id } : {}) })] };
    }
  }
}

/**
 * What of the release runs in the region at its new version now, in words, or null. The plan was what the region ran
 * when the back-out started; a deploy that ended under it (its command's exit observed after its desk's lease was taken
 * over) can leave a handover there again, and "backed out" would then be false: asked once more before saying it.
 */
function stillRunning(workspace: Workspace, release: Release, state: EngineState, regionId: string): string | null {
  const plan = buildBackOutPlan(workspace, release, { ...recordOf(state, release.id), ...state.world }, regionId);
  if (plan.handovers.length === 0) return null;
  const running = state.world.deployed[regionId] ?? {};
  const what = release.handovers
    .filter((ho) => plan.handovers.includes(ho.id))
    .map((ho) => `${ho.id} (${ho.packages.filter((p) => p.newVersion !== undefined && running[p.name] === p.newVersion).map((p) => `${p.name} ${p.newVersion}`).join(', ') || 'a deploy of it is running'})`);
  return `${what.join(', ')} ${what.length === 1 ? 'runs' : 'run'} in ${regionId} at the new version${what.length === 1 ? '' : 's'} after the back-out's steps: deployed while it ran. ${regionId} is not backed out; back it out again.`;
}

type Changed = (name: BackOutChange, next: BackOutRecord, step: string | null, detail: Record<string, unknown>) => EventOf<'backOutChanged'>;

/**
 * A back-out step's command ended: done, or the run stops there, failed (a Stop's "stopped by …" among the ways). The
 * Stop asked of it ends with it, but who asked stays on a run that stops there: the dialog then says the back-out was
 * stopped by them, not "on a failed command" (as a rollback's run keeps it).
 */
function stepExited(intent: Extract<Intent, { kind: 'backOutStepExited' }>, asked: BackOutRecord, step: RollbackStepRecord, actor: Actor, now: number, changed: Changed): Decision {
  const { outcome } = intent;
  const run = { ...asked, stopping: null };
  const stoppedBy = asked.stopping?.stepId === step.id ? { ...run, stopping: asked.stopping } : run;
  const at = runAt(intent.release, intent.region, step, actor, now);
  if (!outcome.started) {
    const detail = `${step.argv.join(' ')} could not start: ${outcome.error}`;
    const stopped = { ...withStep(stoppedBy, step.id, { state: 'failed', endedAt: now, detail }), status: 'failed' as const, endedAt: now };
    return { allowed: true, events: [{ type: 'commandExited', ...at, run: null, exitCode: null, signal: null, error: detail, effects: [] }, changed('backOutStopped', stopped, step.id, { stopped: step.id, detail })] };
  }
  const ok = outcome.exitCode === 0 && (outcome.interruption ?? null) === null;
  const ran = { commandId: step.commandId, argv: step.argv, regionId: step.regionId, exitCode: outcome.exitCode, startedAt: outcome.startedAt, endedAt: outcome.endedAt, transcriptFile: outcome.transcriptFile, outputTail: outcome.outputTail };
  const exited: ReleaseEvent = { type: 'commandExited', ...at, run: ran, exitCode: outcome.exitCode, signal: outcome.signal, error: null, effects: ok ? rollbackStepEffects(step) : [] };
  if (!ok) {
    const lastLine = neutraliseEscapes(outcome.outputTail).trim().split('\n').at(-1) ?? '';
    const how = outcome.interruption ? outcome.interruption.message : outcome.signal ? `killed by ${outcome.signal}` : `exited with ${outcome.exitCode}`;
    const detail = `${how}${lastLine ? `: ${lastLine.slice(0, 300)}` : ''}`;
    const stopped = { ...withStep(stoppedBy, step.id, { state: 'failed', exitCode: outcome.exitCode, endedAt: outcome.endedAt, detail }), status: 'failed' as const, endedAt: now };
    // Stopped where it failed: "Back out region" again works out a new plan from what the region runs now.
    return { allowed: true, events: [exited, changed('backOutStopped', stopped, step.id, { stopped: step.id, detail })] };
  }
  return { allowed: true, events: [exited, changed('backOutStepDone', withStep(run, step.id, { state: 'done', exitCode: 0, endedAt: outcome.endedAt }), step.id, { step: step.id })] };
}

/** A region is backed out, and its running command stopped, by the workspace's rollback roles, as a rollback is. */
function roleRefusal(workspace: Workspace, actor: Actor): Decision | null {
  const roles = workspace.rollbackRoles;
  if (roles === null || roles.some((r) => r.toLowerCase() === actor.role.toLowerCase())) return null;
  return refuse('blocked', `A region is backed out by ${roles.join(' or ')}, as a rollback is; ${actor.name} is signed in as ${actor.role}.`);
}

function withStep(run: BackOutRecord, stepId: string, change: Partial<RollbackStepRecord>): BackOutRecord {
  return { ...run, steps: run.steps.map((s) => (s.id === stepId ? { ...s, ...change } : s)) };
}

/** Where a back-out's command events say they ran: the region, the step, and the run key `backout@REGION`. */
function runAt(release: string, region: string, step: RollbackStepRecord, actor: Actor, now: number) {
  return { actor, at: now, release, region, step: `backout:${step.id}`, runKey: backOutRunKey(region), argv: step.argv, rollback: null };
}
