import type { Release } from '../workspace/workspace';
import type { ReleaseProgress } from './progress';
import type { ReleaseRecord, WorldState } from './state';

/** The release with handover statuses as the log holds them (the workspace file has the starting point). */
export function liveRelease(release: Release, record: ReleaseRecord): Release {
  return { ...release, handovers: release.handovers.map((ho) => ({ ...ho, status: record.handovers[ho.id]?.status ?? ho.status })) };
}

/** What the step engine reads: the release's own progress, and maintenance mode from the world (it belongs to the region). */
export function progressOf(record: ReleaseRecord, world: WorldState): ReleaseProgress {
  return { steps: record.steps, approvals: record.approvals, overrides: record.overrides, maintenance: world.maintenance, maintenanceOffAt: world.maintenanceOffAt ?? {}, baselines: record.baselines, reopened: record.reopened };
}
