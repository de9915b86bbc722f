import { DRILL_LABELS } from '../metrics/drills';
import type { BackOutChange, ReleaseEvent, RollbackChange } from '../engine/events';
import type { IntentKind } from '../engine/intents';
import type { RollbackRecord } from '../rollback/record';
import { formatMetricValue, groupDigits, trimNumber } from '../metrics/units';
import { describeArgv } from '../terminal/argv';
import { stopperWords } from '../words';

/** " in EUW2", or nothing for a step that is not a region's. */
function inRegion(region: string | null): string {
  return region ? ` in ${region}` : '';
}

function exit(code: number | null, signal: string | null): string {
  if (signal) return `ended by ${signal}`;
  return code === null ? 'ended' : `exited ${code}`;
}

/** A step's title from the release's runbook, or null where the runbook is not known (a release gone from the workspace). */
export type StepTitleOf = (step: string) => string | null;

/** The unit of the metric a rollback criterion watches ("%", "ms"), or null where the workspace no longer has the criterion. */
export type CriterionUnitOf = (criterion: string) => string | null;

/** A breach's value as the graphs and alerts show it ("7.12%", "1,612ms"); a criterion gone from the workspace leaves the number, grouped. */
function metricValue(value: number, unit: string | null): string {
  return unit === null ? groupDigits(trimNumber(value, 4)) : formatMetricValue(value, unit);
}

/**
 * A failed run leaves its step open: the board shows it failed with Retry. "finished: failed" read as the step's
 * final outcome; the line says the attempt failed and the step can be retried, as the board offers.
 */
function stepFailedWords(cause: Extract<ReleaseEvent, { type: 'stepFinished' }>['cause'], exitCode: number | null): string {
  const exitWords = exitCode !== null ? ` (exit ${exitCode})` : '';
  if (cause === 'tick') return ` marked failed${exitWords}, can be retried`;
  return `${cause === 'interrupted' ? ' interrupted:' : ''} failed${exitWords}, can be retried`;
}

/**
 * The History screen's plain-words line for one event: who did what, where, with the detail an auditor
 * asks about next (a refusal's reason, a command's exit). The actor and time stand in their own columns.
 * A step is named by its title, as the checklist shows it, when `titleOf` knows it; else by its id.
 */
export function summarizeEvent(event: ReleaseEvent, titleOf: StepTitleOf = () => null, unitOf: CriterionUnitOf = () => null): string {
  const step = (id: string): string => {
    const title = titleOf(id);
    return title ? `"${title}"` : id;
  };
  switch (event.type) {
    case 'stepStarted':
      return `${event.retry ? 'Retried' : 'Started'} step ${step(event.step)}${inRegion(event.region)}`;
    case 'stepStopRequested':
      return `Asked step ${step(event.step)}${inRegion(event.region)} to stop`;
    case 'stepFinished': {
      const where = `Step ${step(event.step)}${inRegion(event.region)}`;
      const note = event.note ? `: ${event.note}` : '';
      if (event.outcome === 'failed') return `${where}${stepFailedWords(event.cause, event.exitCode)}${note}`;
      // "finished: done, exit 0", as a PE reads it out; a ticked step was "marked done".
      const how = event.cause === 'tick' ? ' marked done' : `${event.cause === 'interrupted' ? ' interrupted' : ' finished'}: done`;
      return `${where}${how}${event.exitCode !== null ? `, exit ${event.exitCode}` : ''}${note}`;
    }
    case 'approvalGiven':
      return `${event.approver.name} (${event.approver.role}) approved step ${step(event.step)}${inRegion(event.region)}`;
    case 'overrideApproved':
      return `${event.approver.name} (${event.approver.role}) approved overriding step ${step(event.step)}${inRegion(event.region)}`;
    case 'overrideGranted':
      return `OVERRIDE of step ${step(event.step)}${inRegion(event.region)}: ${event.override.reason} (it was blocked by: ${event.blockedBy.join('; ') || 'nothing named'})`;
    case 'qaTicked':
      return `QA item ${event.itemId} marked ${event.tick.outcome}${event.tick.note ? `: ${event.tick.note}` : ''}`;
    case 'consoleStarted':
      return `Console started on workspace ${event.workspace}${event.rehearsal ? ' (rehearsal)' : ''}`;
    case 'handoverHeld':
      return `${event.handover} held at ${event.status} when gate ${event.gate} completed: ${event.reason}`;
    case 'handoverMoved':
      return `${event.handover} moved from ${event.from} to ${event.to}`;
    case 'baselinesCaptured':
      return `Baseline captured: ${event.baselines.length} metric${event.baselines.length === 1 ? '' : 's'}${inRegion(event.region)}${event.missing.length ? `, ${event.missing.length} without data` : ''}`;
    case 'baselineRetakeStarted':
      return `Baseline retaken${inRegion(event.region)} (replacing ${event.previous.length})`;
    case 'commandExited':
      return event.error
        ? `Command for ${step(event.step)}${inRegion(event.region)} could not start: ${event.error}`
        : `${describeArgv(event.argv)}${inRegion(event.region)} ${exit(event.exitCode, event.signal)}${event.rollback ? ` (rollback of ${event.rollback})` : ''}`;
    case 'commandWouldRun':
      return `Rehearsal: would run ${describeArgv(event.argv)}${inRegion(event.region)}`;
    case 'stepReopened':
      return `Step ${step(event.step)}${inRegion(event.region)} reopened: ${event.reason}`;
    case 'gateHeld':
      return `Gate step ${step(event.step)}${inRegion(event.region)} held for ${event.minutes} min`;
    case 'breachObserved': {
      // The alert's id is "<region>/<criterion>" (shared/metrics/alerts.ts).
      const unit = unitOf(event.alertId.startsWith(`${event.region}/`) ? event.alertId.slice(event.region.length + 1) : event.alertId);
      return `Breach in ${event.region}: ${event.title} at ${metricValue(event.value, unit)} (threshold ${metricValue(event.threshold, unit)}, ${event.level})`;
    }
    case 'reconciled':
      return event.error
        ? `${event.region} could not be reconciled: ${event.error}`
        : `${event.region} reconciled: ${event.differences.length ? event.differences.join('; ') : 'as the console believed'}`;
    case 'rollbackChanged':
      return `Rollback of ${event.run.handoverId}: ${rollbackChange(event)}, ${isStoppedByPerson(event) ? 'can be retried' : `now ${ROLLBACK_STATUS_WORDS[event.run.status]}`}`;
    case 'backOutChanged':
      // A stopped back-out, by a person or a failed command, is started again, not retried: its dialog's next step.
      return `Back-out of ${event.region}: ${backOutChange(event)}${event.intent === 'backOutStopped' ? ', back it out again' : `, now ${event.run.status}`}`;
    case 'clockMoved':
      return `Rehearsal clock moved from ${new Date(event.from).toISOString()} to ${new Date(event.to).toISOString()}`;
    case 'drillSet':
      return event.scenario === 'healthy' ? `Drill on ${event.region} ended: its simulated numbers healthy again` : `Drill on ${event.region}: ${DRILL_LABELS[event.scenario].toLowerCase()} in its simulated numbers`;
    case 'demoClockSwitched':
      return `Demo switched from the ${CLOCK_WORDS[event.from]} to the ${CLOCK_WORDS[event.to]}`;
    case 'rehearsalStartedOver':
      return `Rehearsal started over; its log kept as ${event.archivedAs}`;
    case 'operatorSet':
      return `Operator changed from ${event.from.name} (${event.from.role}) to ${event.to.name} (${event.to.role})`;
    case 'releaseSelected':
      return `Opened release ${event.release}`;
    case 'evidenceExported':
      return `Exported ${event.format} as ${event.filename}`;
    case 'releaseDefined':
      return `Release ${event.release} started as defined then: ${event.definition.handovers.map((h) => h.id).join(', ') || 'no handovers'}`;
    case 'fixForwardDecided':
      return `Decided to fix ${event.handover} forward (${event.severity}) in ${event.regions.join(', ')}: ${event.reason}`;
    case 'fixForwardLanded':
      return `${event.fixHandover} fixed ${event.handover} forward in ${event.regions.join(', ')}; the metrics recovered`;
    case 'fixForwardExpired':
      return `The fix forward of ${event.handover} reached its deadline without landing; the rollback is offered again`;
    case 'announcementPosting':
      return `Posting an announcement to ${event.channel} (attempt ${event.attempt})`;
    case 'announcementPosted':
      return event.status !== null && event.status >= 200 && event.status < 300
        ? `Posted an announcement to ${event.channel} (Slack answered ${event.status})`
        : `Posting to ${event.channel} failed: ${event.error ?? `Slack answered ${event.status}`} (attempt ${event.attempt})`;
    case 'announcementWouldPost':
      return `Rehearsal: would post an announcement to ${event.channel}`;
    case 'refused':
      return `Refused: ${refusedAsk(event, step)} — ${event.reasons.join('; ') || 'no reason given'}`;
    case 'shellCommandAllowed':
      return `Shell command allowed${inRegion(event.region)}: ${describeArgv(event.argv)}`;
    case 'shellCommandAnswered':
      return `${event.answer === 'runAnyway' ? 'Ran anyway' : 'Declined'}${inRegion(event.region)}: ${describeArgv(event.argv)} (blocked by: ${event.blockedBy.join('; ')})`;
    case 'shellCommandExited':
      return `Shell command ${describeArgv(event.argv)}${inRegion(event.region)} ${exit(event.exitCode, event.signal)}`;
    case 'shellCommandWouldRun':
      return `Rehearsal: would run ${describeArgv(event.argv)} in ${event.regionId}`;
    case 'shellOpened':
      return `Console shell opened${inRegion(event.region)}: ${event.title}`;
    case 'shellClosed':
      return `Console shell closed, ${exit(event.exitCode, event.signal)}; transcript ${event.bytes} bytes, sha256 ${event.sha256.slice(0, 12)}`;
    case 'leaseTaken':
      return `Took the ${event.lease.region} lease for ${event.lease.purpose}`;
    case 'leaseReleased':
      return `Gave back the ${event.region} lease (${event.run})`;
    case 'leaseTakenOver':
      return `Took over the ${event.lease.region} lease${event.lease.takenOverFrom ? ` from ${event.lease.takenOverFrom.holder.name}` : ''} for ${event.lease.purpose}: ${event.reason}`;
  }
}

/**
 * A rollback or back-out plan step by its title, as its dialog lists it ("Roll cai-nlu back from 2.3.1 to
 * 2.3.0 in S01"; the title names its region), or by its id where the run's record does not hold it.
 */
function planStep(id: string, steps: readonly { id: string; title: string }[]): string {
  const title = steps.find((s) => s.id === id)?.title;
  return title ? `"${title}"` : id;
}

/**
 * A rollback's status after an entry, as its banner and History's outcome say it: a run stopped on a failure waits on
 * its dialog's Retry, Skip or Abort. The entry read "stopped at step …, which failed, now failed" beside the outcome
 * "rollback stopped, can be retried" and a banner offering the retry.
 */
const ROLLBACK_STATUS_WORDS: Record<RollbackRecord['status'], string> = { running: 'running', failed: 'stopped, can be retried', done: 'done', aborted: 'aborted' };

/**
 * A rollback or back-out that stopped on the step a person stopped: its Stop is kept on the run (its stopping names the
 * step), and the entry says it as theirs, not as a failure, and says "stopped" once ("… stopped by oscar (on-call PE),
 * can be retried"; it read "…, now stopped, can be retried"). A back-out's says what its dialog says next, "back it out
 * again" (it read "stopped at step …, which failed, now failed" beside the dialog's "STOPPED by alice (PE)").
 */
function isStoppedByPerson(event: Extract<ReleaseEvent, { type: 'rollbackChanged' | 'backOutChanged' }>): boolean {
  const stopped = event.type === 'rollbackChanged' ? 'rollbackStopped' : 'backOutStopped';
  return event.intent === stopped && event.run.status === 'failed' && event.run.stopping?.stepId === event.step;
}

/** What changed a rollback, as its dialog would say it ("step "Roll cai-nlu back …" started"); a name from an older log keeps its name. */
function rollbackChange(event: Extract<ReleaseEvent, { type: 'rollbackChanged' }>): string {
  const step = event.step ? `step ${planStep(event.step, event.run.steps)}` : 'a step';
  const name = event.intent as RollbackChange;
  switch (name) {
    case 'startRollback':
      return `started${inRegion(event.region)}`;
    case 'retryRollback':
      return `${step} retried`;
    case 'skipRollbackStep':
      return `${step} skipped`;
    case 'abortRollback':
      return 'abort asked';
    case 'stopRollbackStep':
      return `asked ${step} to stop`;
    case 'rollbackWaiting':
      return `${step} waits for the ${event.region ?? "region's"} lease`;
    case 'rollbackStepStarted':
      return `${step} started`;
    case 'rollbackStepDone':
      return `${step} done`;
    case 'rollbackStopped': {
      const stopping = event.run.stopping;
      return stopping && isStoppedByPerson(event) ? `${step} stopped by ${stopperWords(stopping)}` : `${step} failed`;
    }
    case 'rollbackFinished':
      return 'finished';
    case 'rollbackInterrupted':
      return 'interrupted when the console stopped';
    case 'serviceRestored':
      return 'service restored';
    default:
      name satisfies never;
      return `${event.intent}${event.step ? ` (${planStep(event.step, event.run.steps)})` : inRegion(event.region)}`;
  }
}

/** What changed a region's back-out, as rollbackChange says it of a rollback. */
function backOutChange(event: Extract<ReleaseEvent, { type: 'backOutChanged' }>): string {
  const step = event.step ? `step ${planStep(event.step, event.run.steps)}` : 'a step';
  const name = event.intent as BackOutChange;
  switch (name) {
    case 'backOutRegion':
      return 'started';
    case 'stopBackOutStep':
      return `asked ${step} to stop`;
    case 'backOutStepStarted':
      return `${step} started`;
    case 'backOutStepDone':
      return `${step} done`;
    case 'backOutStopped': {
      const stopping = event.run.stopping;
      return stopping && isStoppedByPerson(event) ? `${step} stopped by ${stopperWords(stopping)}` : `${step} failed`;
    }
    case 'backOutFinished':
      return 'finished';
    case 'backOutInterrupted':
      return event.step ? `${step} interrupted when the console stopped` : 'interrupted when the console stopped';
    default:
      name satisfies never;
      return `${event.intent}${event.step ? ` (${planStep(event.step, event.run.steps)})` : ''}`;
  }
}

/**
 * What a refused person had asked for, as they would say it: "start step "Deploy" in S02", "roll back
 * HO-1234". The log keeps the intent's own name; an intent this console does not know is named by it.
 * Every intent kind is worded: a new one fails typecheck here until it is.
 */
function refusedAsk(event: Extract<ReleaseEvent, { type: 'refused' }>, step: (id: string) => string): string {
  const ofStep = event.step ? ` ${step(event.step)}` : '';
  const where = inRegion(event.region);
  const handover = event.handover ?? 'a handover';
  const kind = event.intent as IntentKind;
  switch (kind) {
    case 'startStep':
      return `start step${ofStep}${where}`;
    case 'stopStep':
      return `stop step${ofStep}${where}`;
    case 'retakeBaseline':
      return `retake the baseline of step${ofStep}${where}`;
    case 'completeStep':
      return `mark step${ofStep}${where} finished`;
    case 'approveStep':
      return `approve step${ofStep}${where}`;
    case 'overrideStep':
      return `override step${ofStep}${where}`;
    case 'approveOverride':
      return `approve overriding step${ofStep}${where}`;
    case 'tickQaItem':
      return 'tick a QA item';
    case 'transitionHandover':
      return `move ${handover}`;
    case 'selectRelease':
      return event.release ? `open release ${event.release}` : 'open a release';
    case 'setOperator':
      return 'change the operator';
    case 'exportEvidence':
      return 'export the evidence';
    case 'moveRehearsalClock':
      return 'move the rehearsal clock';
    case 'setDrill':
      return `set a drill${where}`;
    case 'switchDemoClock':
      return "switch the demo's clock";
    case 'startRehearsalOver':
      return 'start the rehearsal over';
    case 'startRollback':
      return `roll back ${handover}`;
    case 'retryRollback':
      return `retry the rollback of ${handover}`;
    case 'skipRollbackStep':
      return `skip a step of the rollback of ${handover}`;
    case 'abortRollback':
      return `abort the rollback of ${handover}`;
    case 'stopRollbackStep':
      return `stop the running step of the rollback of ${handover}`;
    case 'fixForward':
      return `fix ${handover} forward`;
    case 'backOutRegion':
      return `back out ${event.region ?? 'a region'}`;
    case 'stopBackOutStep':
      return `stop the running step of the back-out of ${event.region ?? 'a region'}`;
    case 'shellCommand':
      return `run a shell command${where}`;
    case 'answerShellCommand':
      return `answer a refused shell command${where}`;
    case 'takeOverLease':
      return event.region ? `take over the ${event.region} lease` : "take over a region's lease";
    case 'postAnnouncement':
      return 'post an announcement';
    // What main observed is not logged when refused (refusalEvent), but a log may hold one: it is worded too.
    case 'commandExited':
      return `record the end of the command of step${ofStep}${where}`;
    case 'commandWithheld':
      return `withhold the command of step${ofStep}${where} in a rehearsal`;
    case 'baselineCaptured':
      return `record the baseline of step${ofStep}${where}`;
    case 'gateHeld':
      return `hold gate step${ofStep}${where}`;
    case 'interrupted':
      return `record step${ofStep}${where} as interrupted`;
    case 'breach':
      return `record a breach${where}`;
    case 'reconciled':
      return `reconcile ${event.region ?? 'a region'}`;
    case 'rollbackStepStarting':
      return `start the next step of the rollback of ${handover}`;
    case 'rollbackStepExited':
      return `record the end of a step of the rollback of ${handover}`;
    case 'rollbackStepWithheld':
      return `withhold a step of the rollback of ${handover} in a rehearsal`;
    case 'rollbackFinishing':
      return `finish the rollback of ${handover}`;
    case 'rollbackInterrupted':
      return `record the rollback of ${handover} as interrupted`;
    case 'serviceRestored':
      return `count ${handover}'s service as restored`;
    case 'fixForwardLanding':
      return `count the fix forward of ${handover} as landed`;
    case 'fixForwardExpiring':
      return `end the fix forward of ${handover} at its deadline`;
    case 'backOutStepStarting':
      return `start the next step of the back-out of ${event.region ?? 'a region'}`;
    case 'backOutStepExited':
      return `record the end of a step of the back-out of ${event.region ?? 'a region'}`;
    case 'backOutStepWithheld':
      return `withhold a step of the back-out of ${event.region ?? 'a region'} in a rehearsal`;
    case 'backOutFinishing':
      return `finish the back-out of ${event.region ?? 'a region'}`;
    case 'backOutInterrupted':
      return `record the back-out of ${event.region ?? 'a region'} as interrupted`;
    case 'shellCommandExited':
      return `record the end of a shell command${where}`;
    case 'shellOpened':
      return `open a console shell${where}`;
    case 'shellClosed':
      return 'record a console shell as closed';
    case 'announcementAnswered':
      return "record Slack's answer to an announcement";
    default:
      // An intent an older console logged, which this one no longer has: named as the log names it.
      kind satisfies never;
      return `${event.intent}${ofStep ? ` of${ofStep}` : ''}${event.handover ? ` for ${event.handover}` : ''}${where}`;
  }
}

/** The line for a log entry that is the log's own bookkeeping, not a release event. */
export function summarizeBookkeeping(kind: string): string {
  switch (kind) {
    case 'genesis':
      return 'Log started from the data kept before the release log';
    case 'recovery':
      return 'Recovery: bytes a crash tore from the previous write are named here';
    case 'checkpoint':
      return 'Checkpoint: the hash of the state a snapshot holds';
    case 'acknowledgement':
      return 'Findings at start acknowledged; a new chain segment begins';
    default:
      return `Log entry of kind ${kind}`;
  }
}

const CLOCK_WORDS = { system: 'live clock', simulated: 'rehearsal clock' } as const;
