import type { Package, Release, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { isFailed } from '../handover/status';

/** Seed 000: all packages of the HOs still in the release (failed HOs are unlinked from it). */
export function releasePackages(release: Release): string[] {
  const names = new Set<string>();
  for (const ho of release.handovers) if (!isFailed(ho.status)) for (const pkg of ho.packages) names.add(pkg.name);
  return [...names];
}

/**
 * Whether a step concerns a package, the one place a step narrows its packages: under the package policies it
 * names (seed 000's CAI table: each CAI package in its own step under its own rule) and of the package kinds it
 * names (seed 003: "infrastructure changes first, then application"). A step that names neither concerns every
 * package; one that names either never concerns a package packages.yaml does not define, whose policy and kind
 * nobody can tell.
 */
export function concernsPackage(step: Step, definition: Package | undefined): boolean {
  if (step.policies && !(definition && step.policies.includes(definition.policy))) return false;
  if (step.kind === 'command' && step.packageKinds && !(definition && step.packageKinds.includes(definition.kind))) return false;
  return true;
}

/** The packages one step concerns: the release's, narrowed by `concernsPackage`. */
export function stepPackages(workspace: Workspace, release: Release, step: Step): string[] {
  const index = indexWorkspace(workspace);
  return releasePackages(release).filter((name) => concernsPackage(step, index.packages.get(name)));
}
