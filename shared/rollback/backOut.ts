import { z } from 'zod';
import { isFailed } from '../handover/status';
import { fillCommandTemplate } from '../workspace/commandTemplate';
import type { Release, Workspace } from '../workspace/workspace';
import { buildRollbackPlan, type RollbackPlanStep, type RollbackState } from './plan';
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
  stopping: z.object({ stepId: z.string(), by: z.string(), at: z.number() }).nullable().default(null),
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
 * The region's plan: each live handover's own rollback steps for this region (rollback/plan.ts, so the
 * versions, removals and checks are seed 000's), with maintenance mode on for them where a package needs
 * it, and off as the last step whenever the region is (or is put) in maintenance mode.
 */
export function buildBackOutPlan(workspace: Workspace, release: Release, state: RollbackState, regionId: string): BackOutPlan {
  const flags: string[] = [];
  const handovers: string[] = [];
  const packageSteps: RollbackPlanStep[] = [];
  for (const ho of release.handovers) {
    if (isFailed(ho.status)) continue;
    const plan = buildRollbackPlan(workspace, release, state, ho.id);
    const here = plan.regions.find((r) => r.regionId === regionId);
    if (!here) continue;
    handovers.push(ho.id);
    for (const flag of plan.flags) if (flag.regionId === regionId || flag.regionId === null) flags.push(flag.reason);
    packageSteps.push(...here.steps.filter((s) => s.kind !== 'maintenance-on' && s.kind !== 'maintenance-off'));
  }
  const inMaintenance = state.maintenance[regionId] === true;
  const needsMaintenance = handovers.length > 0 && !inMaintenance && release.handovers.some((ho) => handovers.includes(ho.id) && buildRollbackPlan(workspace, release, state, ho.id).regions.some((r) => r.regionId === regionId && r.maintenance === 'enable'));
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
