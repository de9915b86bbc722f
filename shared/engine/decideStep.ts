import { stepCommands } from '../release/stepCommands';
import type { Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { declaredRole, mayDoStepsOf } from '../workspace/roles';
import { checkApprover } from './approval';
import { uncleanBaselineWindow } from './baselineWindow';
import { allow, refuse, refuseNaming, refuseWithInstants, type Decision, type EngineState } from './decision';
import { commandEffects } from './effects';
import { isWithheldInRehearsal, wouldRunLine } from './rehearsalTools';
import type { ReleaseEvent } from './events';
import { recordOf } from './fold';
import type { Intent, StepAddress } from './intents';
import { liveRelease, progressOf } from './live';
import { metricGateProgress } from './metricFacts';
import { immediateBreachIn } from './deployedWhere';
import { checkOverride, checkOverrideApprover } from './override';
import { instanceKey } from './progress';
import { isQaChecklistStep, openQaItemsOfStep, qaItemsOf } from './qa';
import type { Actor, ReleaseRecord } from './state';
import { computeStepState, evaluateStepInstance, stepInstancesOf, type StepState } from './stepStates';

/**
 * The intents and observations about one step instance: start it, tick it, approve or override it, and
 * what its command, baseline or metric gate reported. Part of `decide` (decide.ts), kept apart by concern.
 */
type StepIntent = Extract<Intent, StepAddress>;

/**
 * "… is already done by alice at 10:55 UTC.": who got there first. With a shared log the other tick may be another
 * desk's, folded a moment ago, and the person refused must see whose it was (issue 15, "Conflicts"); the desk reads
 * the instant in its own zone (refuseNaming).
 */
function alreadyBy(what: string, stored: { by?: string | undefined; at: number } | undefined, after = ''): Decision {
  const by = stored?.by;
  if (!stored || !by) return refuse('conflict', `${what}${after}.`);
  return refuseNaming('conflict', stored.at, (when) => `${what} by ${by} at ${when}${after}.`);
}

export function decideStep(intent: StepIntent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const located = locate(workspace, intent);
  if ('refusal' in located) return located.refusal;
  const { step, release } = located;
  const elsewhere = isObservationOf(intent) ? null : instanceRefusal(workspace, release, step, intent.region);
  if (elsewhere) return elsewhere;
  const record = recordOf(state, intent.release);
  const live = liveRelease(release, record);
  const key = instanceKey(intent.step, intent.region);
  const stored = record.steps[key];
  const name = `"${step.title}"${intent.region ? ` in ${intent.region}` : ''}`;
  const at = { actor, at: now, release: intent.release, step: intent.step, region: intent.region };
  const stepState = (ignoringFailure: boolean) => stateOf(state, workspace, live, record, intent, now, ignoringFailure);

  switch (intent.kind) {
    case 'startStep': {
      const retry = stored?.status === 'failed';
      const current = stepState(retry);
      if (current?.status === 'running') return refuse('conflict', `${name} is already running.`);
      if (current?.status === 'done') return refuse('conflict', `${name} is already done.`);
      if (current?.status !== 'ready') return blockedBy(name, current);
      if (step.kind === 'soak' || step.kind === 'approval') return refuse('conflict', `${name} is a ${step.kind} step; it is not started by hand.`);
      const notOwner = ownerRefusal(workspace, step, 'start', actor);
      if (notOwner) return notOwner;
      // Seed 000's "Immediate rollback" criteria: a region breaching one is rolled back, never deployed to further.
      const breach = step.deploys && intent.region !== null ? immediateBreachIn(state.metrics, intent.region) : null;
      if (breach) {
        const reason = `${intent.region} is breaching an immediate rollback criterion (${breach.title}): no deploy runs there until it clears or the region is rolled back.`;
        return refuse('blocked', `${name} is blocked: ${reason}`, null, [reason]);
      }
      // A command that cannot be filled is blocked here, as the view shows it: nothing is logged as started.
      const commands = stepCommands(workspace, live, step, intent.region);
      if (!commands.ok) return refuse('blocked', `${name} is blocked: ${commands.error}`, null, [commands.error]);
      return allow({ type: 'stepStarted', ...at, retry, kind: step.kind });
    }
    case 'stopStep': {
      // Stopping is the safe direction: whoever watches a running command may stop it, owner or not.
      if (step.kind !== 'command') return refuse('conflict', `${name} is a ${step.kind} step; only a command step is stopped.`);
      if (stored?.status !== 'running') return refuse('conflict', `${name} is not running; there is nothing to stop.`);
      return allow({ type: 'stepStopRequested', ...at });
    }
    case 'retakeBaseline': {
      if (step.kind !== 'baseline') return refuse('conflict', `${name} is a ${step.kind} step; only a baseline step is retaken.`);
      if (stored?.status === 'running') return refuse('conflict', `${name} is already capturing its baseline.`);
      if (stored?.status !== 'done') return refuse('conflict', `${name} has no baseline to retake yet: start it.`);
      // What the rollback criteria are judged against is reset only by whoever the runbook gives the step to.
      const notOwner = ownerRefusal(workspace, step, 'retake', actor);
      if (notOwner) return notOwner;
      const unclean = intent.region !== null ? uncleanBaselineWindow(workspace, intent.region, progressOf(record, state.world), now) : null;
      if (unclean) return refuseWithInstants(refuse('blocked', `${name} cannot be retaken now: ${unclean.reason}`, unclean.opensAt, [unclean.reason]), unclean.instants);
      const covered = !step.regions ? [] : step.regions.ids === 'all' ? workspace.regions.map((r) => r.id) : step.regions.ids;
      const regions = intent.region !== null ? [intent.region] : covered;
      const previous = record.baselines.filter((b) => regions.includes(b.regionId));
      return allow({ type: 'baselineRetakeStarted', ...at, previous });
    }
    case 'completeStep': {
      if (step.kind !== 'manual') return refuse('conflict', `"${step.title}" finishes by itself (${step.kind}); it cannot be marked by hand.`);
      const current = stepState(stored?.status === 'failed');
      if (current?.status === 'done') return alreadyBy(`"${step.title}" is already done`, stored);
      if (current?.status === 'blocked') return blockedBy(`"${step.title}"`, current);
      const notOwner = ownerRefusal(workspace, step, 'complete', actor);
      if (notOwner) return notOwner;
      if (intent.outcome === 'done') {
        const open = openQaChecklist(workspace, live, record, step);
        if (open.length) {
          const total = isQaChecklistStep(step) && step.kind === 'manual' ? step.checklist.length : open.length;
          // Named up to three: the QA checklist screen lists them all; the step's pane only says what holds it.
          const named = open.length > 3 ? `${open.slice(0, 3).join(', ')} and ${open.length - 3} more` : open.join(', ');
          const reason = `Its QA checklist must pass first: ${open.length} of ${total} items not passed yet (${named}).`;
          return refuse('blocked', `"${step.title}" needs its QA checklist passed first: ${open.join(', ')}.`, null, [reason]);
        }
      }
      return allow({ type: 'stepFinished', ...at, outcome: intent.outcome, cause: 'tick', note: intent.note ?? null, exitCode: null });
    }
    case 'approveStep': {
      if (step.kind !== 'approval') return refuse('conflict', `"${step.title}" is not an approval.`);
      const current = stepState(false);
      if (current?.status === 'done') return refuse('conflict', `"${step.title}" is already approved.`);
      if (current?.status === 'blocked') return blockedBy(`"${step.title}"`, current);
      const approver = { ...actor, at: now };
      // Refusals name steps by their titles, never their ids ("not by whoever did "PE writes …"").
      const steps = indexWorkspace(workspace).runbooks.get(release.runbook)?.gates.flatMap((g) => g.steps) ?? [];
      const check = checkApprover(step, approver, intent.region, progressOf(record, state.world), (id) => steps.find((s) => s.id === id)?.title);
      if (!check.ok) return refuse('blocked', check.error);
      return allow({ type: 'approvalGiven', ...at, approver });
    }
    case 'overrideStep': {
      // An override stands once granted: a second (a double click, another window) would put a later reason on
      // what its approvers agreed to, with their same approvals.
      const standing = record.overrides.find((o) => o.stepId === intent.step && o.region === intent.region);
      if (standing) return alreadyBy(`${name} is already overridden`, { by: standing.by, at: standing.at }, `: "${standing.reason}"`);
      const input = { workspace, release: live, progress: progressOf(record, state.world), now };
      const evaluation = evaluateStepInstance(input, intent.step, intent.region);
      if (!evaluation) return refuse('not_found', `There is no step ${intent.step}${intent.region ? ` in ${intent.region}` : ''}.`);
      const approvedOnDesks = record.overrideApprovals[key] ?? [];
      if (intent.personas === false && intent.approvers.length > 0) {
        return refuse('invalid_request', `Outside a rehearsal, an override's approvers approve it on their own desk ("Approve override"); names typed by the requester are not approvals.`);
      }
      // A rehearsal's typed approvers are personas: each in a role this workspace declares, as the picker offers.
      const undeclared = intent.approvers.find((a) => !declaredRole(workspace, a.role));
      if (undeclared) return refuse('invalid_request', `${undeclared.name}'s role "${undeclared.role}" is not a role of this workspace (${workspace.roles.map((r) => r.name).join(', ')}).`);
      const approvers = intent.personas === false ? approvedOnDesks : [...approvedOnDesks, ...intent.approvers];
      const check = checkOverride(evaluation, { stepId: intent.step, region: intent.region, reason: intent.reason, approvers, by: actor.name }, now);
      if (!check.ok) return refuse('blocked', check.error);
      return allow({ type: 'overrideGranted', ...at, override: check.record, blockedBy: evaluation.allowed ? [] : evaluation.reasons });
    }
    case 'approveOverride': {
      const input = { workspace, release: live, progress: progressOf(record, state.world), now };
      const evaluation = evaluateStepInstance(input, intent.step, intent.region);
      if (!evaluation) return refuse('not_found', `There is no step ${intent.step}${intent.region ? ` in ${intent.region}` : ''}.`);
      const check = checkOverrideApprover(evaluation, actor, record.overrideApprovals[key] ?? [], name);
      if (!check.ok) return refuse('blocked', check.error);
      return allow({ type: 'overrideApproved', ...at, approver: { ...actor, at: now } });
    }
    case 'commandExited': {
      if (stored?.status !== 'running') return refuse('conflict', `${name} is not running; a command's exit cannot finish it.`);
      const { outcome } = intent;
      const template = indexWorkspace(workspace).commands.get(intent.commandId);
      const runKey = key;
      if (!outcome.started) {
        return allow(
          { type: 'commandExited', ...at, runKey, run: null, argv: intent.argv, exitCode: null, signal: null, error: outcome.error, effects: [], rollback: null },
          { type: 'stepFinished', ...at, outcome: 'failed', cause: 'command', note: `${intent.argv.join(' ')} could not start: ${outcome.error}`, exitCode: null },
        );
      }
      const run = { commandId: intent.commandId, argv: intent.argv, regionId: intent.region, exitCode: outcome.exitCode, startedAt: outcome.startedAt, endedAt: outcome.endedAt, transcriptFile: outcome.transcriptFile, outputTail: outcome.outputTail };
      // A stopped or timed-out run failed even if the tool exited 0 on its way out (many trap SIGINT and exit cleanly).
      const interruption = outcome.interruption ?? null;
      const ok = outcome.exitCode === 0 && interruption === null;
      const exited: ReleaseEvent = {
        type: 'commandExited',
        ...at,
        runKey,
        // A step with nothing to run (no package of the release needs it) finishes with no run on record.
        run: intent.argv.length ? run : null,
        argv: intent.argv,
        exitCode: outcome.exitCode,
        signal: outcome.signal,
        error: null,
        effects: ok ? commandEffects(template?.effect, intent.values, intent.region) : [],
        rollback: null,
      };
      if (interruption !== null) {
        return allow(exited, { type: 'stepFinished', ...at, outcome: 'failed', cause: 'command', note: `${intent.argv.join(' ')} ${interruption.message}.`, exitCode: outcome.exitCode });
      }
      if (!ok) {
        const how = outcome.signal ? `was killed by ${outcome.signal} (exit ${outcome.exitCode})` : `exited with ${outcome.exitCode}`;
        return allow(exited, { type: 'stepFinished', ...at, outcome: 'failed', cause: 'command', note: `${intent.argv.join(' ')} ${how}.`, exitCode: outcome.exitCode });
      }
      return intent.last ? allow(exited, { type: 'stepFinished', ...at, outcome: 'done', cause: 'command', note: null, exitCode: 0 }) : allow(exited);
    }
    case 'commandWithheld': {
      if (stored?.status !== 'running') return refuse('conflict', `${name} is not running; its command cannot be withheld.`);
      const template = indexWorkspace(workspace).commands.get(intent.commandId);
      // Only a rehearsal withholds, and only a command not declared rehearsal-safe: anything else really runs.
      if (!isWithheldInRehearsal(template, intent.rehearsal)) return refuse('conflict', `${intent.argv.join(' ')} runs for real here; it is not withheld.`);
      const wouldRun: ReleaseEvent = {
        type: 'commandWouldRun',
        ...at,
        runKey: key,
        commandId: intent.commandId,
        argv: intent.argv,
        effects: commandEffects(template?.effect, intent.values, intent.region),
        rollback: null,
      };
      if (!intent.last) return allow(wouldRun);
      // The step says what it would have run, each of its commands (one template, so all were withheld).
      const runs = stepCommands(workspace, live, step, intent.region);
      const note = (runs.ok ? runs.runs.map((run) => run.argv) : [intent.argv]).map(wouldRunLine).join('\n');
      return allow(wouldRun, { type: 'stepFinished', ...at, outcome: 'done', cause: 'command', note, exitCode: null });
    }
    case 'baselineCaptured': {
      if (stored?.status !== 'running') return refuse('conflict', `${name} is not running; no baseline is being captured for it.`);
      const captured: ReleaseEvent = { type: 'baselinesCaptured', ...at, baselines: intent.baselines, missing: intent.missing };
      if (intent.baselines.length === 0) {
        const note = `No baseline could be captured: no data for ${intent.missing.map((m) => `${m.regionId}/${m.metricId}`).join(', ') || 'any metric'}.`;
        return allow(captured, { type: 'stepFinished', ...at, outcome: 'failed', cause: 'baseline', note, exitCode: null });
      }
      return allow(captured, { type: 'stepFinished', ...at, outcome: 'done', cause: 'baseline', note: null, exitCode: null });
    }
    case 'gateHeld': {
      if (step.kind !== 'metricGate' || intent.region === null) return refuse('conflict', `${name} is not a metric gate in a region.`);
      if (stored?.status !== 'running') return refuse('conflict', `${name} is not watching.`);
      const progress = metricGateProgress(state.metrics[intent.region], step.minutes, stored.at, now);
      if (progress.healthyMinutes < step.minutes) return refuse('blocked', `${name} has held for ${progress.healthyMinutes} of ${step.minutes} minutes: ${progress.detail}`);
      return allow({ type: 'gateHeld', ...at, minutes: step.minutes });
    }
    case 'interrupted': {
      if (stored?.status !== 'running' || (step.kind !== 'command' && step.kind !== 'baseline')) return refuse('conflict', `${name} was not running a command.`);
      return allow({ type: 'stepFinished', ...at, outcome: 'failed', cause: 'interrupted', note: 'Interrupted: the console stopped while this command ran. Check the region before retrying.', exitCode: null });
    }
  }
}

export function stateOf(state: EngineState, workspace: Workspace, release: Release, record: ReleaseRecord, address: StepAddress, now: number, ignoringFailure: boolean): StepState | null {
  const progress = progressOf(record, state.world);
  if (ignoringFailure) {
    const { [instanceKey(address.step, address.region)]: _failed, ...steps } = progress.steps;
    progress.steps = steps;
  }
  return computeStepState({ workspace, release, progress, now }, address.step, address.region);
}

/**
 * Issue 17: a step's owner is who does it ("owner: QA" means only someone in the QA role completes it, seed
 * 000's task tables), or a role declared to act as it. Said in the workspace's words, which the loaded step carries.
 */
function ownerRefusal(workspace: Workspace, step: Step, verb: 'start' | 'complete' | 'retake', actor: Actor): Decision | null {
  if (mayDoStepsOf(workspace, actor.role, step.owner)) return null;
  return refuse('blocked', `Only ${step.owner} may ${verb} "${step.title}"; you are ${actor.role}.`);
}

/** What a person may address: start, tick, approve, override, stop, retake. What main observed about a running instance lands whatever a reload did to the runbook. */
function isObservationOf(intent: StepIntent): boolean {
  switch (intent.kind) {
    case 'startStep':
    case 'stopStep':
    case 'retakeBaseline':
    case 'completeStep':
    case 'approveStep':
    case 'overrideStep':
    case 'approveOverride':
      return false;
    default:
      return true;
  }
}

/**
 * A step runs where its runbook lays it out, and nowhere else: an instance it does not have has no rules to
 * check, so a tick or an approval of it would be logged as done with nothing decided (a blocked
 * "Mark rollout complete" marked done "in S01").
 */
function instanceRefusal(workspace: Workspace, release: Release, step: Step, region: string | null): Decision | null {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  const instances = runbook ? stepInstancesOf(workspace, runbook, step.id) : [];
  if (instances.includes(region)) return null;
  const regions = instances.filter((r): r is string => r !== null);
  if (region === null) return refuse('not_found', `"${step.title}" runs in each of its regions (${regions.join(', ')}); name one.`);
  const where = regions.length ? `; it runs in ${regions.join(', ')}` : ': it runs once, for the release, not per region';
  return refuse('not_found', `"${step.title}" does not run in ${region}${where}.`);
}

function blockedBy(name: string, current: StepState | null): Decision {
  if (current?.status === 'blocked') return refuseWithInstants(refuse('blocked', `${name} is blocked: ${current.reasons.join(' ')}`, current.opensAt, current.reasons), current.instants ?? []);
  return refuse('blocked', `${name} is blocked: the step is not ready.`);
}

function openQaChecklist(workspace: Workspace, release: Release, record: ReleaseRecord, step: Step): string[] {
  if (!isQaChecklistStep(step)) return [];
  return openQaItemsOfStep(qaItemsOf(workspace, release, record), step.id).map((i) => i.title);
}

export function locate(workspace: Workspace, address: StepAddress): { step: Step; release: Release } | { refusal: Decision } {
  const index = indexWorkspace(workspace);
  const release = index.releases.get(address.release);
  if (!release) return { refusal: refuse('not_found', `There is no release ${address.release} in this workspace.`) };
  const step = index.runbooks.get(release.runbook)?.gates.flatMap((g) => g.steps).find((s) => s.id === address.step);
  if (!step) return { refusal: refuse('not_found', `There is no step ${address.step} in ${address.release}.`) };
  if (address.region !== null && !index.regions.has(address.region)) return { refusal: refuse('not_found', `There is no region ${address.region}.`) };
  return { step, release };
}

