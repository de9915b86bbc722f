import type { Package, Region, ReleaseType, Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { REGION_TIMING } from '../workspace/references';
import type { AppliedRule, Block, Evaluation } from './appliedRule';
import { evaluateRules } from './appliedRule';
import { freezeRule, packagePolicyRules, regionWindowRule, releaseTypeWindowsRule, windowRule } from './rulesFor';

export type { Evaluation, Block } from './appliedRule';

/** Rollbacks are the way out: deployment windows and freezes never block them; maintenance mode still does. */
export type Purpose = 'deploy' | 'rollback';

export interface RuleContext {
  workspace: Workspace;
  releaseType?: string | undefined;
  /** The packages this step deploys (the release's packages). */
  packages?: readonly string[] | undefined;
  /** Region id → whether the region is in maintenance mode now. */
  maintenance?: Readonly<Record<string, boolean>> | undefined;
  purpose?: Purpose | undefined;
}

function packagesOf(context: RuleContext): Package[] {
  const index = indexWorkspace(context.workspace);
  return (context.packages ?? []).flatMap((name) => {
    const pkg = index.packages.get(name);
    return pkg ? [pkg] : [];
  });
}

/** Seed 000: a package needs maintenance mode by its own flag or its policy's ("Packages Requiring Scheduled Release"). */
export function needsMaintenance(pkg: Package, workspace: Workspace): boolean {
  return pkg.needsMaintenanceMode || indexWorkspace(workspace).policies.get(pkg.policy)?.needsMaintenanceMode === true;
}

/** Seed 000: RT packages need maintenance mode (traffic redirected to the sibling region). */
function maintenanceBlock(region: Region, subject: string, context: RuleContext): Block | null {
  if (context.maintenance?.[region.id] === true) return null;
  const sibling = region.sibling ? ` (traffic moves to ${region.sibling})` : '';
  return {
    rule: `maintenance:${region.id}`,
    reason: `${subject} ${region.id} in maintenance mode, and ${region.id} is not in maintenance mode; it opens once maintenance mode is enabled there${sibling}.`,
    opensAt: null,
    override: null,
  };
}

/**
 * Seed 000: maintenance mode redirects a region's traffic to its sibling, so it needs a sibling, and one
 * that is not itself in maintenance mode (it could not take the traffic). No override: this is physics.
 */
function maintenanceSiblingBlock(region: Region, effect: string | undefined, context: RuleContext): Block | null {
  if (effect !== 'maintenance-on') return null;
  if (!region.sibling) {
    return { rule: `maintenance-sibling:${region.id}`, reason: `${region.id} has no sibling region to take its traffic, so maintenance mode cannot be enabled there.`, opensAt: null, override: null };
  }
  if (context.maintenance?.[region.sibling] !== true) return null;
  return {
    rule: `maintenance-sibling:${region.id}`,
    reason: `${region.sibling} is itself in maintenance mode and cannot take ${region.id}'s traffic; disable maintenance mode in ${region.sibling} first.`,
    opensAt: null,
    override: null,
  };
}

function deploymentRules(region: Region | null, context: RuleContext, type: ReleaseType | undefined, regionTiming: boolean): AppliedRule[] {
  const { workspace } = context;
  const index = indexWorkspace(workspace);
  const rules: AppliedRule[] = [];
  let followsRegion = regionTiming;
  for (const pkg of packagesOf(context)) {
    const policy = index.policies.get(pkg.policy);
    if (!policy) continue;
    if (policy.followsRegionTiming) followsRegion = true;
    rules.push(...packagePolicyRules(pkg, policy, workspace, type));
  }
  if (followsRegion && region?.timing) {
    const window = index.windows.get(region.timing);
    if (window) rules.push(regionWindowRule(region, window, type));
  }
  if (type) {
    const typeRule = releaseTypeWindowsRule(type, workspace);
    if (typeRule) rules.push(typeRule);
  }
  for (const freeze of workspace.freezes) {
    const rule = freezeRule(freeze, type);
    if (rule) rules.push(rule);
  }
  return rules;
}

/**
 * Whether one step may run in one region at `now`: allowed (and until when), or blocked with every
 * reason as a sentence and when it opens (null: not today). Pure; `now` is handed in.
 */
export function evaluate(step: Step, regionId: string | null, context: RuleContext, now: number): Evaluation {
  const { workspace } = context;
  const index = indexWorkspace(workspace);
  const region = regionId === null ? null : (index.regions.get(regionId) ?? null);
  const type = context.releaseType ? index.releaseTypes.get(context.releaseType) : undefined;
  const stateBlocks: Block[] = [];
  if (region && step.maintenanceMode !== 'none') {
    const needing = packagesOf(context).filter((pkg) => needsMaintenance(pkg, workspace));
    const block =
      step.maintenanceMode === 'required'
        ? maintenanceBlock(region, `"${step.title}" needs`, context)
        : needing.length
          ? maintenanceBlock(region, `${needing.map((p) => p.name).join(', ')} need${needing.length === 1 ? 's' : ''}`, context)
          : null;
    if (block) stateBlocks.push(block);
  }
  const siblingBlock = region && step.kind === 'command' ? maintenanceSiblingBlock(region, index.commands.get(step.command)?.effect, context) : null;
  if (siblingBlock) stateBlocks.push(siblingBlock);
  if (context.purpose === 'rollback') return evaluateRules([], now, stateBlocks);

  const rules: AppliedRule[] = [];
  let regionTiming = false;
  for (const ref of step.timing) {
    if (ref === REGION_TIMING) regionTiming = true;
    else {
      const window = index.windows.get(ref);
      if (window) rules.push(windowRule(`"${step.title}"`, window, type));
    }
  }
  if (step.deploys) rules.push(...deploymentRules(region, context, type, regionTiming));
  else if (regionTiming && region?.timing) {
    const window = index.windows.get(region.timing);
    if (window) rules.push(regionWindowRule(region, window, type));
  }
  return evaluateRules(rules, now, stateBlocks);
}

export interface DeploymentQuestion {
  region: string;
  package?: string | undefined;
  releaseType?: string | undefined;
  purpose?: Purpose | undefined;
}

/**
 * `release-console check`: the region's own window alone; with a package and/or release type, the
 * package's policy, the release type's deployment windows and the freezes as well.
 */
export function evaluateDeployment(workspace: Workspace, question: DeploymentQuestion, now: number): Evaluation {
  const index = indexWorkspace(workspace);
  const region = index.regions.get(question.region);
  if (!region) throw new RangeError(`Unknown region "${question.region}".`);
  if (question.purpose === 'rollback') return { allowed: true, closesAt: null };
  const type = question.releaseType ? index.releaseTypes.get(question.releaseType) : undefined;
  const context: RuleContext = { workspace, packages: question.package ? [question.package] : [], releaseType: question.releaseType };
  const regionTimingAlone = question.package === undefined;
  const rules =
    question.package === undefined && question.releaseType === undefined
      ? deploymentRules(region, { workspace }, undefined, true).filter((rule) => rule.id.startsWith('region:'))
      : deploymentRules(region, context, type, regionTimingAlone);
  return evaluateRules(rules, now);
}
