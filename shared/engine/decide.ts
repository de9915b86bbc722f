import { believedWorldOf, worldDifferences } from '../world/reconcile';
import { archivedRehearsalName } from '../rehearsal/folder';
import { transition } from '../handover/status';
import { declaredRole } from '../workspace/roles';
import { definedFirst } from '../delivery/definition';
import type { HandoverStatus, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import type { EventOf } from './events';
import { recordOf } from './fold';
import { isObservation, type Intent, type PersonIntent, type StepAddress } from './intents';
import { liveRelease, progressOf } from './live';
import { anythingDeployed, regionsDeployed } from './deployedWhere';
import { isFailed } from '../handover/status';
import { qaItemsOf, qaTickRefusal, signOffsReopened } from './qa';
import { handoverMoveRefusal } from './handoverMoves';
import { productionRollbackRefusal } from '../rollback/plan';
import { reopenedSignOffMoveRefusal } from './reopenedSignOff';
import type { Actor } from './state';
import type { StepState } from './stepStates';
import { decideRollback } from './decideRollback';
import { decideBackOut } from './decideBackOut';
import { decideFixForward } from './decideFixForward';
import { withGateCompletion } from './gateCompletion';
import { decideShellCommand } from './decideShellCommand';
import { decideAnnouncement } from './decideAnnouncement';
import { decideTakeOver, leaseForBackOut, leaseForRollback, leaseForStep, rollbackStateAfterWait } from './decideLease';
import { decideStep, locate, stateOf } from './decideStep';
import { DRILL_LABELS } from '../metrics/drills';
import { actorWords } from '../words';
import { allow, refuse, refuseWithInstants, releaseOf, type Decision, type EngineState, type Refusal } from './decision';

export type { Decision, EngineState, RefusalCode, Refusal } from './decision';

/** The range a rehearsal clock may be moved within (epoch ms): a time no date can show would break every view. */
const REHEARSAL_EARLIEST = Date.UTC(2000, 0, 1);
const REHEARSAL_LATEST = Date.UTC(2100, 0, 1);
/**
 * The longest single move of a rehearsal clock: a rollout's walk spans a sprint's days (gate 5 on the Friday,
 * a weekend between), never years. A bigger jump is a typo or a script, and it would stamp every later entry
 * of the log with a date no rehearsal was about.
 */
const REHEARSAL_LONGEST_MOVE_MS = 7 * 24 * 3_600_000;
/** The evidence link a QA tick carries must be a web page, not a file or script URL. */
const EVIDENCE_LINK = /^https?:\/\//i;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * The one place a rule is decided. Pure: no clock read, no I/O. Every intent the console accepts, from a
 * person or observed by main, comes here; the answer is the events to append, or why not and when it opens.
 */
export function decide(intent: Intent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const at = { actor, at: now };
  switch (intent.kind) {
    case 'commandExited':
    case 'commandWithheld':
      return withGateCompletion(leaseForStep(intent, decideStep(intent, state, now, actor, workspace), state, now, actor, workspace), intent.release, state, now, actor, workspace);
    case 'startStep':
      return leaseForStep(intent, definedFirst(decideStep(intent, state, now, actor, workspace), intent.release, state, now, actor, workspace), state, now, actor, workspace);
    case 'interrupted':
      return leaseForStep(intent, decideStep(intent, state, now, actor, workspace), state, now, actor, workspace);
    case 'completeStep':
      return withGateCompletion(definedFirst(decideStep(intent, state, now, actor, workspace), intent.release, state, now, actor, workspace), intent.release, state, now, actor, workspace);
    // A gate may be completed by whichever of its steps is done last: a metric gate holding, the last approval
    // needed, a baseline captured, as well as a command or a tick.
    case 'approveStep':
    case 'baselineCaptured':
    case 'gateHeld':
      return withGateCompletion(decideStep(intent, state, now, actor, workspace), intent.release, state, now, actor, workspace);
    case 'stopStep':
    case 'retakeBaseline':
    case 'overrideStep':
    case 'approveOverride':
      return decideStep(intent, state, now, actor, workspace);
    case 'takeOverLease':
      return decideTakeOver(intent, state, now, actor, workspace);
    case 'tickQaItem': {
      const found = releaseOf(workspace, intent.release);
      if (!found) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
      const items = qaItemsOf(workspace, found, recordOf(state, intent.release));
      const item = items.find((i) => i.id === intent.itemId);
      if (!item) return refuse('not_found', `There is no QA item ${intent.itemId} in ${intent.release}.`);
      // Bad input says what and where: the refusal shows as a notice at the window's foot, far from the row it is about.
      if (intent.link && !EVIDENCE_LINK.test(intent.link)) return refuse('invalid_request', `The evidence link for “${item.title}” must start with http:// or https://; it was not recorded.`);
      // Seed 000 gate 5: "QA post-rollout testing ... After EU deploy": there is nothing to test before a deploy.
      const handovers = liveRelease(found, recordOf(state, intent.release)).handovers;
      const live = handovers.filter((ho) => !isFailed(ho.status));
      if (intent.outcome !== 'open' && !anythingDeployed(live, state.world)) {
        // After a testing failure's rollback "yet" read as if nothing had ever run: say what was rolled back.
        // (A handover pulled at review never ran anywhere: only a rollback's end says why nothing runs now.)
        const rolledBack = handovers.filter((ho) => ho.status === 'Failed Production Rollout' || ho.status === 'Failed Stage Rollout');
        const why = rolledBack.length > 0 ? ` now; ${rolledBack.map((ho) => `${ho.id} is “${ho.status}”`).join(', ')}` : ' yet';
        return refuse('blocked', `QA items are ticked after a deploy: nothing of ${intent.release} is deployed in any region${why}.`);
      }
      const refusal = qaTickRefusal(workspace, found, item, intent, actor);
      if (refusal) return refusal;
      const tick = { outcome: intent.outcome, by: actor, at: now, ...(intent.note ? { note: intent.note } : {}), ...(intent.link ? { link: intent.link } : {}) };
      const reopened = signOffsReopened(workspace, found, recordOf(state, intent.release), item, intent).map((r) => ({ type: 'stepReopened' as const, ...at, release: intent.release, ...r }));
      return allow({ type: 'qaTicked', ...at, release: intent.release, itemId: intent.itemId, tick }, ...reopened);
    }
    case 'transitionHandover': {
      const found = releaseOf(workspace, intent.release);
      if (!found) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
      const record = recordOf(state, intent.release);
      const ho = liveRelease(found, record).handovers.find((h) => h.id === intent.handover);
      if (!ho) return refuse('not_found', `There is no handover ${intent.handover} in ${intent.release}.`);
      const notTheirs = handoverMoveRefusal(workspace, intent.to as HandoverStatus, actor);
      if (notTheirs) return refuse('blocked', notTheirs);
      const runbook = indexWorkspace(workspace).runbooks.get(found.runbook);
      const untested = runbook ? reopenedSignOffMoveRefusal(runbook, progressOf(record, state.world), ho.id, intent.to) : null;
      if (untested) return refuseWithInstants(refuse('blocked', untested.sentence), untested.instants);
      // Seed 000 gate 5: "Rollout Complete" is what was deployed; a handover running nowhere has not rolled out.
      if (intent.to === 'Rollout Complete' && regionsDeployed(ho, state.world).length === 0) {
        return refuse('blocked', `${ho.id} cannot move to "Rollout Complete": none of its packages runs at its new version in any region.`);
      }
      // Seed 000: "Production Rollback Required" starts the rollback of what runs; a handover running nowhere has none.
      if (intent.to === 'Production Rollback Required') {
        const nothing = productionRollbackRefusal(workspace, liveRelease(found, record), { ...record, ...state.world }, ho.id);
        if (nothing) return refuse('blocked', nothing);
      }
      const moved = transition({ id: ho.id, status: ho.status, history: record.handovers[ho.id]?.history ?? [] }, intent.to as HandoverStatus);
      if (!moved.ok) return refuse('blocked', moved.error);
      return allow({ type: 'handoverMoved', ...at, release: intent.release, handover: ho.id, from: ho.status, to: moved.handover.status });
    }
    case 'selectRelease':
      if (!releaseOf(workspace, intent.release)) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
      return allow({ type: 'releaseSelected', ...at, release: intent.release });
    case 'setOperator':
      if (intent.personas === false) {
        return refuse('conflict', `Who sits at this desk is ${actor.name}${actor.arn ? ` (${actor.arn})` : ''}, as AWS and the OS say; a name is chosen only in a rehearsal or the demo, as a simulated persona.`);
      }
      // A persona acts in one of the workspace's roles, as the picker offers them: any other is a typo nothing checks.
      if (!declaredRole(workspace, intent.operator.role)) {
        return refuse('invalid_request', `"${intent.operator.role}" is not a role of this workspace; it declares ${workspace.roles.map((r) => r.name).join(', ') || 'none'}.`);
      }
      return allow({ type: 'operatorSet', ...at, from: actor, to: intent.operator });
    case 'exportEvidence':
      if (!releaseOf(workspace, intent.release)) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
      return allow({ type: 'evidenceExported', ...at, release: intent.release, format: intent.format, filename: intent.filename });
    case 'moveRehearsalClock':
      if (!intent.rehearsal) return refuse('conflict', 'The console runs on the real clock; only a rehearsal clock can be moved.');
      if (!(intent.to >= REHEARSAL_EARLIEST && intent.to <= REHEARSAL_LATEST)) {
        return refuse('invalid_request', 'A rehearsal clock runs between the years 2000 and 2100; that move would take it outside.');
      }
      // A rehearsal is a replay of a day: its log would claim an intent happened before one already recorded.
      if (intent.to < now) return refuse('blocked', `A rehearsal clock only moves forward: it is ${new Date(now).toISOString()}, and ${new Date(intent.to).toISOString()} is earlier.`);
      if (intent.to - now > REHEARSAL_LONGEST_MOVE_MS) {
        return refuse('invalid_request', `A rehearsal clock moves at most 7 days at a time: it is ${new Date(now).toISOString()}, and ${new Date(intent.to).toISOString()} is further on.`);
      }
      return allow({ type: 'clockMoved', ...at, from: now, to: intent.to });
    case 'setDrill': {
      // The simulator is the only thing a drill can move: CloudWatch's numbers are the world's.
      if (!intent.simulated) return refuse('conflict', 'A drill runs on simulated metrics, in a rehearsal or the demo; this console reads CloudWatch, and its numbers are the real ones.');
      if (!workspace.regions.some((r) => r.id === intent.region)) return refuse('not_found', `There is no region "${intent.region}" in this workspace.`);
      const running = state.drills?.[intent.region];
      if (intent.scenario === 'healthy') {
        return running ? allow({ type: 'drillSet', ...at, region: intent.region, scenario: intent.scenario }) : refuse('conflict', `No drill runs on ${intent.region}; its simulated numbers are already healthy.`);
      }
      // Once: a second desk's (or a double click's) start would move the breach's start and log it twice.
      if (running?.scenario === intent.scenario && running.rolledBackMs === null) {
        return refuse('conflict', `${intent.region}'s ${DRILL_LABELS[intent.scenario].toLowerCase()} drill is already running, started by ${actorWords(running.by)}; choose Healthy to end it.`);
      }
      return allow({ type: 'drillSet', ...at, region: intent.region, scenario: intent.scenario });
    }
    case 'switchDemoClock':
      if (!intent.switchable) {
        return refuse('invalid_request', 'Only the demo opened without --rehearsal-at or a workspace can switch between rehearsal and live; restart the console to change its clock.');
      }
      // A console leaves once: a second window's ask (or a double click the reload had not yet answered) would log
      // a second switch and open the next console's folder a second time.
      if (intent.switching) {
        return refuse('conflict', `This console is already switching to ${intent.switching === 'system' ? 'the live clock' : 'the rehearsal'}; every window reloads onto it.`);
      }
      return allow({ type: 'demoClockSwitched', ...at, from: intent.from, to: intent.to });
    case 'startRehearsalOver':
      if (!intent.rehearsal) return refuse('conflict', 'The console runs on the real clock; only a rehearsal can be started over.');
      if (!Number.isFinite(intent.archivedAt)) return refuse('invalid_request', 'Starting a rehearsal over needs the time its archive is named by.');
      // Once: a second window's ask would log a second start-over and name an archive that is never made.
      if (intent.startingOver) return refuse('conflict', 'This rehearsal is already being started over; every window reloads onto the new run.');
      // Kept, never deleted: its log is the record of that run, and the archive's name says when it ended.
      return allow({ type: 'rehearsalStartedOver', ...at, start: intent.rehearsal.start, archivedAs: archivedRehearsalName(intent.rehearsal.start, intent.archivedAt) });
    case 'breach': {
      const { alert } = intent;
      // Each desk watching the region observes it; the first desk's entry is the release's record, and the others,
      // deciding again on the state it left (a lost conditional write folds the winner), log nothing more.
      if (state.breachesLogged?.[alert.id] === alert.sinceMs) {
        return refuse('conflict', `${alert.regionId}'s breach "${alert.title}" since ${new Date(alert.sinceMs).toISOString()} is already in the release log.`);
      }
      return allow({ type: 'breachObserved', ...at, region: alert.regionId, alertId: alert.id, title: alert.title, level: alert.level, value: alert.value, threshold: alert.threshold, since: alert.sinceMs });
    }
    case 'reconciled': {
      const error = intent.error ?? null;
      const observed = { regionId: intent.region, maintenanceMode: intent.reported.maintenance, versions: intent.reported.deployed };
      const differences = error === null ? worldDifferences(believedWorldOf(workspace, state.world, intent.region), observed).map((d) => d.sentence) : [];
      return allow({ type: 'reconciled', ...at, region: intent.region, reported: intent.reported, error, differences });
    }
    case 'shellOpened': {
      // A shell goes into the evidence of the release in use where it was opened; none when there is none.
      const release = intent.release !== null && releaseOf(workspace, intent.release) ? intent.release : null;
      return allow({ type: 'shellOpened', ...at, sessionId: intent.sessionId, region: intent.region, transcript: intent.transcript, title: intent.title, release });
    }
    case 'shellClosed': {
      if (!SHA256_HEX.test(intent.sha256)) return refuse('invalid_request', `A shell transcript's hash is 64 hex characters, not "${intent.sha256}".`);
      // Closed under the release it was opened under, which the record already names, and as its own: a shell
      // ends outside any window's call, when whoever is signed in elsewhere is not the person it was opened by.
      // A shell opened under no release is in no record: main says who opened it.
      const opened = Object.entries(state.releases).flatMap(([id, r]) => r.shells.filter((s) => s.transcript === intent.transcript).map((s) => ({ id, by: s.openedBy })))[0];
      const { sessionId, transcript, exitCode, signal, bytes, sha256 } = intent;
      return allow({ type: 'shellClosed', actor: opened?.by ?? intent.openedBy ?? actor, at: now, sessionId, transcript, release: opened?.id ?? null, exitCode, signal, bytes, sha256 });
    }
    case 'startRollback':
    case 'retryRollback':
    case 'skipRollbackStep':
    case 'stopRollbackStep':
    case 'serviceRestored':
      return decideRollback(intent, state, now, actor, workspace);
    case 'rollbackStepStarting':
      return leaseForRollback(intent, (s) => decideRollback(intent, rollbackStateAfterWait(intent, s, workspace), now, actor, workspace), state, now, actor);
    case 'abortRollback':
    case 'rollbackStepExited':
    case 'rollbackStepWithheld':
    case 'rollbackFinishing':
    case 'rollbackInterrupted':
      return leaseForRollback(intent, (s) => decideRollback(intent, s, now, actor, workspace), state, now, actor);
    case 'fixForward':
    case 'fixForwardLanding':
    case 'fixForwardExpiring':
      return decideFixForward(intent, state, now, actor, workspace);
    case 'backOutRegion':
    case 'backOutStepStarting':
    case 'backOutStepExited':
    case 'backOutStepWithheld':
    case 'backOutFinishing':
    case 'backOutInterrupted':
      return leaseForBackOut(intent, decideBackOut(intent, state, now, actor, workspace), state, now, actor);
    case 'stopBackOutStep':
      // The run keeps its lease until the stopped command exits (leaseForBackOut gives it back then).
      return decideBackOut(intent, state, now, actor, workspace);
    case 'postAnnouncement':
    case 'announcementAnswered':
      return decideAnnouncement(intent, state, now, actor, workspace);
    case 'shellCommand':
    case 'answerShellCommand':
    case 'shellCommandExited':
      return decideShellCommand(intent, state, now, actor, workspace);
  }
}

/** The event that records a refusal, for a person's intent (observations that do not hold are not logged). */
export function refusalEvent(intent: Intent, decision: Refusal, now: number, actor: Actor): EventOf<'refused'> | null {
  if (isObservation(intent)) return null;
  const where = intent as Partial<StepAddress> & Partial<{ handover: string }> & Partial<{ region: string }>;
  return {
    type: 'refused',
    actor,
    at: now,
    intent: intent.kind,
    release: where.release ?? null,
    region: where.region ?? null,
    step: where.step ?? null,
    reasons: decision.reasons,
    opensAt: decision.opensAt,
    allowed: false,
    handover: where.handover ?? null,
  };
}

/**
 * A step instance's verdict as the view shows it: the engine's state, and for a step that looks ready,
 * what `decide` says about the intent that acts on it (start it, mark it done). The view,
 * the handlers and `check` share this answer because each of them asks `decide`.
 */
export function primaryIntentOf(step: Step, address: StepAddress): PersonIntent | null {
  switch (step.kind) {
    case 'manual':
      return { kind: 'completeStep', outcome: 'done', ...address };
    case 'approval':
      // Who may approve is a question about a person; the pane shows the approvers asked for and given instead.
      return null;
    case 'command':
    case 'baseline':
    case 'metricGate':
      return { kind: 'startStep', ...address };
    case 'soak':
      return null;
  }
}

export interface StepVerdict {
  allowed: boolean;
  /** The step instance's state as the engine holds it, with a ready step that `decide` refuses shown as blocked. */
  state: StepState['status'];
  reasons: string[];
  opensAt: number | null;
}

/**
 * One step instance's verdict, for `check --release --step` and pipelines: the engine's state, and for a
 * ready step, `decide`'s answer to the intent that acts on it, the same question the view asks.
 */
export function stepVerdict(address: StepAddress, state: EngineState, now: number, actor: Actor, workspace: Workspace): StepVerdict | Refusal {
  const located = locate(workspace, address);
  if ('refusal' in located) return located.refusal as Refusal;
  const record = recordOf(state, address.release);
  const current = stateOf(state, workspace, liveRelease(located.release, record), record, address, now, false);
  if (!current) return refuse('not_found', `${address.step} has no instance${address.region ? ` in ${address.region}` : ' without a region'}; name the region it runs in.`) as Refusal;
  if (current.status === 'blocked') return { allowed: false, state: 'blocked', reasons: current.reasons, opensAt: current.opensAt };
  if (current.status !== 'ready') return { allowed: false, state: current.status, reasons: current.status === 'failed' && current.note ? [current.note] : [], opensAt: null };
  const intent = primaryIntentOf(located.step, address);
  const decision = intent ? decide(intent, state, now, actor, workspace) : null;
  if (decision && !decision.allowed) return { allowed: false, state: decision.code === 'blocked' ? 'blocked' : 'ready', reasons: decision.reasons, opensAt: decision.opensAt };
  return { allowed: true, state: 'ready', reasons: [], opensAt: null };
}
