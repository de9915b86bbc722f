import type { ReleaseService } from './service';

/** The handovers of the open release with a package the console deployed to a region: a rollback's scope there. */
export function handoversDeployedIn(releases: ReleaseService, regionId: string): string[] {
  const releaseId = releases.selectedReleaseId();
  if (!releaseId) return [];
  const deployed = releases.record(releaseId).deployed[regionId] ?? {};
  const release = releases.release(releaseId);
  return release.handovers.filter((ho) => ho.packages.some((p) => p.newVersion !== undefined && deployed[p.name] === p.newVersion)).map((ho) => ho.id);
}
