import type { QaItemView } from '../api';
import type { Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
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
