import type { QaItemView } from '../api';
import type { Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { mayDoStepsOf } from '../workspace/roles';
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
 * Why `actor` may not tick `item` to `outcome`, or null. Issue 17's owner rule, as for steps: a pass or a
 * fail is the word of the role that owns the item's step (QA for seed 000's post-rollout checklist), and so
 * is reopening one; a note on an open item is anyone's. A verdict is not given twice: passing a passed item
 * would rewrite who passed it and when, so it is reopened first, which the log keeps.
 */
export function qaTickRefusal(workspace: Workspace, release: Release, item: QaItemView, outcome: QaItemView['outcome'], actor: Actor): string | null {
  const stepId = item.id.slice(0, item.id.lastIndexOf('#'));
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  const step = runbook?.gates.flatMap((g) => g.steps).find((s) => s.id === stepId);
  if (step && (outcome !== 'open' || item.outcome !== 'open') && !mayDoStepsOf(workspace, actor.role, step.owner)) {
    return `Only ${step.owner} may pass, fail or reopen “${item.title}”; you are ${actor.role}.`;
  }
  if (outcome !== 'open' && item.outcome === outcome) {
    const by = item.by ? ` by ${item.by.name} (${item.by.role})` : '';
    return `“${item.title}” is already ${outcome === 'pass' ? 'passed' : 'failed'}${by}; reopen it to change that.`;
  }
  return null;
}
