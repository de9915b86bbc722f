import { instanceKey } from '../engine/progress';
import type { ReleaseRecord } from '../engine/state';
import type { Release, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';

export interface VerificationMoment {
  at: number;
  /** The metric gate whose completion this is, by its title. */
  step: string;
}

/**
 * Issue 17: a CR's "Current" values are the ones the gate passed on, not whatever the graphs show when
 * the PE exports. The moment is the last metric gate the release completed in the region, from its log;
 * null when none has.
 */
export function verificationMoment(workspace: Workspace, release: Release, record: ReleaseRecord, regionId: string): VerificationMoment | null {
  const runbook = indexWorkspace(workspace).runbooks.get(release.runbook);
  let moment: VerificationMoment | null = null;
  for (const step of runbook?.gates.flatMap((g) => g.steps) ?? []) {
    if (step.kind !== 'metricGate' || !step.regions) continue;
    const ids = step.regions.ids === 'all' ? workspace.regions.map((r) => r.id) : step.regions.ids;
    if (!ids.includes(regionId)) continue;
    const stored = record.steps[instanceKey(step.id, step.regions.scope === 'all' ? null : regionId)];
    if (stored?.status !== 'done') continue;
    if (moment === null || stored.at > moment.at) moment = { at: stored.at, step: step.title };
  }
  return moment;
}
