import type { QaItemView } from '../api';
import type { Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { mayDoStepsOf } from '../workspace/roles';
import { instanceOf } from './progress';
import { refuse, refuseNaming, type Refusal } from './decision';
import type { Actor } from './state';
import type { ReleaseRecord } from './state';

/**
 * Seed 000 gate 4: a QA-owned manual step with a checklist is done only when every line of it has passed;
 * so is one whose runbook says its checklist is ticked that way (`qaChecklist`, seed 004's post-deployment validation).
 */
export function isQaChecklistStep(step: Step): boolean {
  return step.kind === 'manual' && (step.owner.toLowerCase() === 'qa' || step.qaChecklist) && step.checklist.length > 0;
}

/** Seed 000 gate 4 and seed 001's verification checklist: the checklist lines of the runbook's QA steps. */
export function qaItemsOf(workspace: Workspace, release: Release, record: ReleaseRecord): QaItemView[] {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  const items: QaItemView[] = [];
  for (const gate of runbook?.gates ?? []) {
    for (const step of gate.steps) {
      if (step.kind !== 'manual' || !isQaChecklistStep(step)) continue;
      step.checklist.forEach((title, i) => {
        const id = `${step.id}#${i + 1}`;
        const tick = record.qa[id];
        items.push({
          id,
          title,
          source: step.title,
          outcome: tick?.outcome ?? 'open',
          by: tick?.by ?? null,
          at: tick?.at ?? null,
          note: tick?.note ?? null,
          link: tick?.link ?? null,
          refused: null,
        });
      });
    }
  }
  return items;
}

/** The QA items of one step that are not yet passed: a QA step is done only when its checklist is. */
export function openQaItemsOfStep(items: readonly QaItemView[], stepId: string): QaItemView[] {
  return items.filter((item) => item.id.startsWith(`${stepId}#`) && item.outcome !== 'pass');
}

/**
 * Why `actor` may not give `item` this tick, or null. Issue 17's owner rule, as for steps: a pass or a fail is
 * the word of the role that owns the item's step (QA for seed 000's post-rollout checklist), and so is
 * reopening one; a note on an open item is anyone's. A tick that changes nothing (a second window, a desk
 * that lost the race, a retry) is refused: it would only put a later name and time on what someone else
 * tested. A new note or link with the same verdict is a tick of its own, by whoever gives it.
 */
export function qaTickRefusal(
  workspace: Workspace,
  release: Release,
  item: QaItemView,
  tick: { outcome: QaItemView['outcome']; note?: string | undefined; link?: string | undefined },
  actor: Actor,
): Refusal | null {
  const stepId = item.id.slice(0, item.id.lastIndexOf('#'));
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  const step = runbook?.gates.flatMap((g) => g.steps).find((s) => s.id === stepId);
  if (step && (tick.outcome !== 'open' || item.outcome !== 'open') && !mayDoStepsOf(workspace, actor.role, step.owner)) {
    // Said of the step, not the item: the same words for each of its items, so a checklist can say them once.
    return refuse('blocked', `Only ${step.owner} may pass, fail or reopen the items of “${step.title}”; you are ${actor.role}.`);
  }
  if (item.outcome !== tick.outcome || item.note !== (tick.note || null) || item.link !== (tick.link || null)) return null;
  const already = `“${item.title}” is already ${QA_OUTCOME_WORDS[tick.outcome]}`;
  const by = item.by;
  if (!by || item.at === null) return refuse('conflict', `${already}.`);
  return refuseNaming('conflict', item.at, (when) => `${already} by ${by.name} (${by.role}) at ${when}.`);
}

const QA_OUTCOME_WORDS = { pass: 'passed', fail: 'failed', open: 'open' } as const;

/**
 * The done instances of `item`'s step that a tick reopens, each as the step and region to reopen and why. Seed 000
 * gate 5 signs the release off as tested when the checklist passes; its "Testing Failure" has QA find a problem
 * after the rollout. A failure (or a reopened item) after the sign-off is real news, so it is not refused: the
 * sign-off it undoes is reopened, visibly, and the step is done again only once its checklist passes again.
 */
export function signOffsReopened(
  workspace: Workspace,
  release: Release,
  record: ReleaseRecord,
  item: QaItemView,
  tick: { outcome: QaItemView['outcome']; note?: string | undefined },
): { step: string; region: string | null; reason: string }[] {
  // A note on an item still open is anyone's to add, and undoes nothing: reopening is its step owner's (qaTickRefusal).
  if (tick.outcome === 'pass' || (tick.outcome === 'open' && item.outcome === 'open')) return [];
  const stepId = item.id.slice(0, item.id.lastIndexOf('#'));
  const step = indexWorkspace(workspace).runbooks.get(release.runbook)?.gates.flatMap((g) => g.steps).find((s) => s.id === stepId);
  if (!step) return [];
  const how = tick.outcome === 'fail' ? 'failed' : 'reopened';
  const reason = `“${item.title}” was ${how} after “${step.title}” was done${tick.note ? `: ${tick.note}` : ''}`;
  return Object.entries(record.steps)
    .flatMap(([key, done]) => {
      const instance = instanceOf(key);
      return done.status === 'done' && instance.stepId === stepId ? [{ step: stepId, region: instance.region, reason }] : [];
    });
}
