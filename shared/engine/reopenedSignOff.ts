import type { Runbook, Step } from '../workspace/workspace';
import { formatDay, formatTime } from '../rules/localDay';
import { instanceOf, type Reopen, type ReleaseProgress, type StepInstanceKey } from './progress';
import type { NamedInstant } from './decision';

/**
 * Seed 000's "Testing Failure": QA finds a problem after signing the rollout off as tested. The failure reopens
 * the sign-off (`stepReopened`, qa.ts), and until it is done again the whole release holds on it: what comes after
 * it does not start, the handovers are not marked as rolled out, and what was already done says it came first.
 */

/** A sign-off stands reopened from its `stepReopened` until the step is done again. */
export function standingReopen(progress: Pick<ReleaseProgress, 'steps' | 'reopened'>, key: StepInstanceKey): Reopen | null {
  const reopen = progress.reopened?.[key];
  return reopen && progress.steps[key]?.status !== 'done' ? reopen : null;
}

/**
 * "reopened by quinn (QA) at Fri 20 Mar, 08:30 UTC: <the record's reason>": who, in which role, when and why, in
 * this order wherever a reopening is said (the refusals here, the step row and the QA checklist), so QA and the PE
 * read one sentence. `when` is the instant as its reader's zone tells it: UTC in the log, the desk's zone on screen.
 */
export function reopenedByWords(reopen: Reopen, when: string): string {
  return `reopened by ${reopen.by.name} (${reopen.by.role}) at ${when}: ${reopen.reason}`;
}

/** "Fri 20 Mar, 08:30 UTC": when a sign-off was reopened, as the log reads it; a desk reads it in its own zone. */
export function reopenedInstant(reopen: Reopen): NamedInstant {
  // The day, a comma, the clock: as the console's screens tell an instant.
  return { at: reopen.at, words: `${formatDay(reopen.at, 'UTC')}, ${formatTime(reopen.at, 'UTC')} UTC` };
}

/** The sign-off's reopening in the runbook's words, one sentence: whose sign-off, who reopened it, when, and why. */
export function reopenedSignOffWords(step: Pick<Step, 'title' | 'owner'>, reopen: Reopen): string {
  return `Testing failure: ${step.owner}'s sign-off “${step.title}” was ${reopenedByWords(reopen, reopenedInstant(reopen).words)}.`;
}

/** Every sign-off of the runbook that stands reopened, with its step and the gate it belongs to. */
export function standingReopens(runbook: Runbook, progress: Pick<ReleaseProgress, 'steps' | 'reopened'>): { step: Step; gateIndex: number; key: StepInstanceKey; reopen: Reopen }[] {
  if (!progress.reopened) return [];
  const found: { step: Step; gateIndex: number; key: StepInstanceKey; reopen: Reopen }[] = [];
  runbook.gates.forEach((gate, gateIndex) => {
    for (const step of gate.steps) {
      for (const key of Object.keys(progress.reopened ?? {})) {
        if (instanceOf(key).stepId !== step.id) continue;
        const reopen = standingReopen(progress, key);
        if (reopen) found.push({ step, gateIndex, key, reopen });
      }
    }
  });
  return found;
}

/**
 * Why no handover may move to `to` now, and the instant those words name (when QA reopened the sign-off), or null. Seed 000 gate 5: "Mark CR as Rollout Complete" says the rollout
 * is done and tested; with QA's sign-off of that gate (or an earlier one) reopened it is not tested, so the status
 * a gate at or after the reopened one moves its handovers to waits until the checklist passes and QA signs again.
 */
export function reopenedSignOffMoveRefusal(runbook: Runbook, progress: Pick<ReleaseProgress, 'steps' | 'reopened'>, handover: string, to: string): { sentence: string; instants: NamedInstant[] } | null {
  const holding = standingReopens(runbook, progress).find(({ gateIndex }) => runbook.gates.slice(gateIndex).some((gate) => gate.movesHandoversTo === to));
  if (!holding) return null;
  // The sentence names when QA reopened it, in UTC as the log reads it; the instant beside it is for a desk's own zone.
  return { sentence: `${handover} cannot move to "${to}" until ${holding.step.owner} signs “${holding.step.title}” off again. ${reopenedSignOffWords(holding.step, holding.reopen)}`, instants: [reopenedInstant(holding.reopen)] };
}

/**
 * The steps that wait, directly or through others, on a sign-off that stands reopened, each said once, and when each
 * was reopened (a desk reads it in its own zone). The record of a step already done after it is not rewritten
 * (doneBeforeReopen says so on its row instead).
 */
export function reopenedAbove(step: Step, stepsById: ReadonlyMap<string, { step: Step; instances: Array<string | null> }>, progress: Pick<ReleaseProgress, 'steps' | 'reopened'>): { reasons: string[]; instants: NamedInstant[] } {
  if (!progress.reopened || Object.keys(progress.reopened).length === 0) return { reasons: [], instants: [] };
  const said = new Map<string, NamedInstant>();
  const seen = new Set<string>();
  const visit = (s: Step) => {
    for (const id of s.after) {
      if (seen.has(id)) continue;
      seen.add(id);
      const prerequisite = stepsById.get(id);
      if (!prerequisite) continue;
      for (const region of prerequisite.instances) {
        const reopen = standingReopen(progress, `${id}@${region ?? '*'}`);
        if (reopen) said.set(reopenedSignOffWords(prerequisite.step, reopen), reopenedInstant(reopen));
      }
      visit(prerequisite.step);
    }
  };
  visit(step);
  return { reasons: [...said.keys()], instants: [...said.values()] };
}

/**
 * Step instance → the sign-off it was done before, for each step done after a sign-off that now stands reopened
 * (directly or through the steps between them). Its record stays as it was: done, by whom, when; its row says
 * the sign-off it followed no longer holds.
 */
export function doneBeforeReopen(runbook: Runbook, progress: Pick<ReleaseProgress, 'steps' | 'reopened'>): Map<StepInstanceKey, { signOff: string; at: number }> {
  const result = new Map<StepInstanceKey, { signOff: string; at: number }>();
  const steps = runbook.gates.flatMap((g) => g.steps);
  for (const { step: signOff, reopen } of standingReopens(runbook, progress)) {
    const after = new Set<string>([signOff.id]);
    // The steps after it, however far: a fixpoint over `after`, as the runbook orders them.
    for (let grew = true; grew; ) {
      grew = false;
      for (const s of steps) {
        if (!after.has(s.id) && s.after.some((id) => after.has(id))) {
          after.add(s.id);
          grew = true;
        }
      }
    }
    after.delete(signOff.id);
    for (const [key, record] of Object.entries(progress.steps)) {
      if (record.status !== 'done' || record.at > reopen.at || result.has(key)) continue;
      if (after.has(instanceOf(key).stepId)) result.set(key, { signOff: signOff.title, at: reopen.at });
    }
  }
  return result;
}
