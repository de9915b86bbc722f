import { isPartlyDeployedIn } from '../../shared/engine/deployedWhere';
import type { ReleaseService } from './service';

/** The handovers of the open release with a package running in a region as it deployed it: a rollback's scope there. */
export function handoversDeployedIn(releases: ReleaseService, regionId: string): string[] {
  const releaseId = releases.selectedReleaseId();
  if (!releaseId) return [];
  // The versions belong to the region (the world), whichever release's step put them there.
  const { world } = releases.engineState();
  return releases.release(releaseId).handovers.filter((ho) => isPartlyDeployedIn(ho, world, regionId)).map((ho) => ho.id);
}
