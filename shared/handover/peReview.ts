import type { Handover, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';

export interface PeReviewResult {
  passed: boolean;
  /** Each failure is a sentence naming the package and the seed 000 reason. */
  failures: string[];
}

/**
 * Seed 000, "HO Fails PE Review": versions incorrect/missing, packages not deployed to QA (red during
 * rmht verify-handover), no runbook for a listed package, new package without rollback instructions.
 */
export function reviewHandover(ho: Handover, workspace: Workspace): PeReviewResult {
  const index = indexWorkspace(workspace);
  const failures: string[] = [];
  for (const pkg of ho.packages) {
    if (!pkg.newVersion) failures.push(`${ho.id}: ${pkg.name} has no new version.`);
    if (!pkg.isNew && !pkg.currentVersion) failures.push(`${ho.id}: ${pkg.name} has no current version (mark it new if it has never been deployed).`);
    if (pkg.newVersion && pkg.qaVersion !== pkg.newVersion) {
      const found = pkg.qaVersion ? `QA runs ${pkg.qaVersion}` : 'it is not on QA';
      failures.push(`${ho.id}: ${pkg.name} ${pkg.newVersion} is not deployed to QA (${found}); rmht verify-handover shows it red.`);
    }
    if (!index.packages.get(pkg.name)?.runbook) failures.push(`${ho.id}: ${pkg.name} has no runbook.`);
    if (pkg.isNew && ho.rollback.length === 0) failures.push(`${ho.id}: ${pkg.name} is a new package and the HO has no rollback instructions.`);
  }
  return { passed: failures.length === 0, failures };
}
