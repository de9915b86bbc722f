import type { ReleaseService } from './service';

/** The handovers of the open release with a package running in a region as it deployed it: a rollback's scope there. */
export function handoversDeployedIn(releases: ReleaseService, regionId: string): string[] {
  const releaseId = releases.selectedReleaseId();
  if (!releaseId) return [];
  // The versions belong to the region (the world), whichever release's step put them there.
  const deployed = releases.engineState().world.deployed[regionId] ?? {};
  const release = releases.release(releaseId);
  return release.handovers.filter((ho) => ho.packages.some((p) => p.newVersion !== undefined && deployed[p.name] === p.newVersion)).map((ho) => ho.id);
}
