import { STOP_ESCALATION_MS } from '../../shared/terminal/stopEscalation';
import { actorWords } from '../../shared/words';

/**
 * What a Stop does, in the words of the step row and the rollback's "Stop this command now…": the waits
 * are the terminal service's own (STOP_ESCALATION_MS), so the words follow it if it changes.
 */

/** "5 s", "2.5 s": one wait of the escalation. */
function waitWords(escalationMs: number): string {
  return `${Number((escalationMs / 1000).toFixed(1))} s`;
}

/** The Stop button's title, before it is pressed. */
export function stopButtonTitle(escalationMs = STOP_ESCALATION_MS): string {
  const wait = waitWords(escalationMs);
  return `Sends SIGINT, then SIGTERM after ${wait}, then SIGKILL after ${wait} more`;
}

/** A running step's note once someone pressed Stop: who, in which role, when (`at`, already in the operator's words), and what follows. */
export function stepStoppingNote(by: { name: string; role: string }, at: string, escalationMs = STOP_ESCALATION_MS): string {
  const wait = waitWords(escalationMs);
  return `Stopping: asked by ${actorWords(by)} at ${at}. Its command was sent SIGINT; SIGTERM follows after ${wait} and SIGKILL after ${wait} more if it still runs.`;
}

/** What a rollback's or back-out's running command gets when it is stopped on purpose (after its argv). */
export function stopCommandSignals(escalationMs = STOP_ESCALATION_MS): string {
  const wait = waitWords(escalationMs);
  return `gets SIGINT, then SIGTERM after ${wait} and SIGKILL after ${wait} more.`;
}

/**
 * Who ended a step, on its card: "Failed by alice (PE) … exit 130" for a step olu stopped from his desk credited the
 * stop to the desk that ran it, above "stopped by olu". A stopped step names who stopped it, in their role as every
 * "by" does, and when, then who ran it when that was someone else. The `at`s are already in the operator's words.
 */
export function stepEndedWords(step: {
  state: string;
  doneBy: { name: string; role: string };
  at: string;
  exitCode: number | null;
  stopped: { by: { name: string; role: string }; at: string } | null;
}): string {
  // "exit" and its code are one thing: at 1024 px the card read "… 10:55 UTC · exit" over "137".
  const exit = step.exitCode === null ? '' : ` · exit\u00a0${step.exitCode}`;
  const ranBy = actorWords(step.doneBy);
  if (step.state === 'failed' && step.stopped) {
    if (step.stopped.by.name === step.doneBy.name) return `Stopped by ${ranBy} at ${step.stopped.at}${exit}`;
    return `Stopped by ${actorWords(step.stopped.by)} at ${step.stopped.at}${exit} · run by ${ranBy}`;
  }
  return `${step.state === 'failed' ? 'Failed' : 'Done'} by ${ranBy} at ${step.at}${exit}`;
}
