import { z } from 'zod';
import { fillCommandTemplate } from '../workspace/commandTemplate';
import type { Handover, Release, Workspace } from '../workspace/workspace';
import { buildRegionRollback, type RollbackFlag, type RollbackPlanStep, type RollbackState } from './plan';
import { RollbackStepRecord } from './record';

/**
 * Issue 17, "Backing a region out": a region must always be backed out. Maintenance mode off, and every
 * handover deployed there rolled back there (seed 000's rollback, one region). Never held by a window:
 * like a rollback it is the way out. S01 put in maintenance at 11:50 with its deploy blocked until the
 * next Friday is the case it exists for.
 */
export const BackOutRecord = z.object({
  regionId: z.string(),
  status: z.enum(['running', 'failed', 'done']),
  startedAt: z.number(),
  startedBy: z.object({ name: z.string(), role: z.string() }),
  endedAt: z.number().nullable().default(null),
  reason: z.string(),
  /** The handovers it rolls back in the region, as the plan found them deployed there. */
  handovers: z.array(z.string()),
  steps: z.array(RollbackStepRecord),
  /** The running step's Stop, asked for and logged (as a rollback's: shared/rollback/record.ts); cleared by that step's exit. */
  stopping: z.object({ stepId: z.string(), by: z.string(), role: z.string().optional(), at: z.number() }).nullable().default(null),
});
export type BackOutRecord = z.infer<typeof BackOutRecord>;

export interface BackOutPlan {
  regionId: string;
  handovers: string[];
  steps: RollbackPlanStep[];
  /** Why it cannot run (a package with no way back, no maintenance command); empty when it can. */
  flags: string[];
  /** "S01 runs nothing of this release and is not in maintenance mode": nothing to back out. */
  nothingToDo: string | null;
}

/**
 * The region's plan: the rollback steps for this region of every handover with a package still at its new
 * version there, whatever its status (rollback/plan.ts, so the versions, removals and checks are seed 000's).
 * What is deployed is the world's (the log's deploys and the rollback steps done), so a rollback aborted or
 * stopped part-way leaves the rest of its handover here, and the back-out takes it. Maintenance mode on for
 * them where a package needs it, and off as the last step whenever the region is (or is put) in maintenance mode.
 */
export function buildBackOutPlan(workspace: Workspace, release: Release, state: RollbackState, regionId: string): BackOutPlan {
  const flags: string[] = [];
  const handovers: string[] = [];
  const packageSteps: RollbackPlanStep[] = [];
  let needsMaintenance = false;
  for (const ho of release.handovers) {
    const rollback = buildRegionRollback(workspace, release, state, ho.id, regionId);
    if (!rollback) continue;
    handovers.push(ho.id);
    for (const flag of rollback.flags) flags.push(leftBehind(ho, flag, regionId));
    packageSteps.push(...rollback.region.steps.filter((s) => s.kind !== 'maintenance-on' && s.kind !== 'maintenance-off'));
    needsMaintenance ||= rollback.region.maintenance === 'enable';
  }
  const inMaintenance = state.maintenance[regionId] === true;
  const steps: RollbackPlanStep[] = [];
  const on = workspace.commands.find((c) => c.effect === 'maintenance-on');
  const off = workspace.commands.find((c) => c.effect === 'maintenance-off');
  const region = workspace.regions.find((r) => r.id === regionId);
  const fill = (argv: readonly string[]) => fillCommandTemplate(argv as string[], { region: regionId, sibling: region?.sibling, release: release.id }, workspace.patterns);
  if (needsMaintenance) {
    const filled = on ? fill(on.argv) : null;
    if (!on || !filled?.ok) flags.push(`The rolled-back packages need maintenance mode in ${regionId}, and ${on ? (filled && !filled.ok ? filled.error : '') : 'the workspace has no command that turns it on'}.`);
    else steps.push({ id: `${regionId}/maintenance-on/`, regionId, kind: 'maintenance-on', package: null, fromVersion: null, toVersion: null, commandId: on.id, argv: filled.argv, title: `Enable maintenance mode in ${regionId}`, note: null });
  }
  steps.push(...packageSteps);
  if (inMaintenance || needsMaintenance) {
    const filled = off ? fill(off.argv) : null;
    if (!off || !filled?.ok) flags.push(`${regionId} is in maintenance mode and ${off ? (filled && !filled.ok ? filled.error : '') : 'the workspace has no command that turns it off'}.`);
    else steps.push({ id: `${regionId}/maintenance-off/`, regionId, kind: 'maintenance-off', package: null, fromVersion: null, toVersion: null, commandId: off.id, argv: filled.argv, title: `Disable maintenance mode in ${regionId} (traffic back from ${region?.sibling ?? 'its sibling'})`, note: null });
  }
  const nothingToDo = steps.length === 0 ? `${regionId} runs nothing of ${release.id} and is not in maintenance mode: there is nothing to back out.` : null;
  return { regionId, handovers, steps, flags, nothingToDo };
}

/** A package the back-out cannot take out says what stays: "HO-1234's cdr-export-lambda 1.0.0 is still in LON: …". */
function leftBehind(ho: Handover, flag: RollbackFlag, regionId: string): string {
  const pkg = flag.package === null ? undefined : ho.packages.find((p) => p.name === flag.package);
  return pkg?.newVersion ? `${ho.id}'s ${pkg.name} ${pkg.newVersion} is still in ${regionId}: ${flag.reason}` : flag.reason;
}
