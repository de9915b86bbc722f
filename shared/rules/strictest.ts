import type { Package, PackagePolicy, ReleaseType, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import type { AppliedRule, Evaluation } from './appliedRule';
import { evaluateRules } from './appliedRule';
import { freezeRule, regionWindowRule, releaseTypeWindowsRule, windowRule } from './rulesFor';

/**
 * The question a pipeline asks `release-console check`. A flag it leaves out must never make the answer
 * more permissive than a real deployment would get, so a missing flag means "the strictest".
 */
export interface GateQuestion {
  region: string;
  package?: string | undefined;
  releaseType?: string | undefined;
  /** The region's own window alone, and nothing else: the tile's question, asked on purpose. */
  windowOnly?: boolean | undefined;
}

export interface GateAnswer {
  evaluation: Evaluation;
  /** What was assumed for each flag left out, in words; the CLI puts these first among the reasons. */
  assumed: string[];
}

function titles(items: ReadonlyArray<{ title: string }>): string {
  // Titles hold commas of their own ("CAI-eligible, deploy any time"), so each is quoted.
  return items.map((item) => `"${item.title}"`).join(', ');
}

/** One rule per policy window, naming the packages under that policy, so 19 packages do not give 19 reasons. */
function policyRules(policy: PackagePolicy, packages: readonly Package[], workspace: Workspace, type: ReleaseType | undefined): AppliedRule[] {
  const index = indexWorkspace(workspace);
  const names = packages.map((p) => p.name).join(', ');
  const subject = packages.length === 1 ? `Deploying ${names} (${policy.title})` : `Deploying the "${policy.title}" packages (${names})`;
  return policy.windows.flatMap((id) => {
    const window = index.windows.get(id);
    return window ? [windowRule(subject, window, type)] : [];
  });
}

/**
 * "Strictest" is decided instant by instant: every candidate's rules apply together, so a moment is allowed
 * only when every release type (or package policy) the flags leave open would allow it. The answer is then
 * never more permissive than the strictest real deployment at that moment. Freezes apply whatever the
 * flags; their exceptions need the release type that has them, so with no release type none applies.
 */
export function evaluateGate(workspace: Workspace, question: GateQuestion, now: number): GateAnswer {
  const index = indexWorkspace(workspace);
  const region = index.regions.get(question.region);
  if (!region) throw new RangeError(`Unknown region "${question.region}".`);
  const regionWindow = region.timing ? index.windows.get(region.timing) : undefined;

  if (question.windowOnly) {
    if (question.package !== undefined || question.releaseType !== undefined) throw new RangeError('--window-only asks about the region\'s own window alone; it cannot be combined with --package or --release-type.');
    const rules = regionWindow ? [regionWindowRule(region, regionWindow, undefined)] : [];
    return {
      evaluation: evaluateRules(rules, now),
      assumed: [`--window-only: ${region.id}'s own window alone; freezes, release types and package policies are not checked.`],
    };
  }

  const assumed: string[] = [];
  const type = question.releaseType === undefined ? undefined : index.releaseTypes.get(question.releaseType);
  if (question.releaseType !== undefined && !type) throw new RangeError(`Unknown release type "${question.releaseType}".`);
  const pkg = question.package === undefined ? undefined : index.packages.get(question.package);
  if (question.package !== undefined && !pkg) throw new RangeError(`Unknown package "${question.package}".`);

  const rules: AppliedRule[] = [];
  // Packages name no regions in a workspace, so every package is deployable in every region.
  const candidates = pkg ? [pkg] : workspace.packages;
  const byPolicy = new Map<PackagePolicy, Package[]>();
  for (const candidate of candidates) {
    const policy = index.policies.get(candidate.policy);
    if (policy) byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), candidate]);
  }
  for (const [policy, packages] of byPolicy) rules.push(...policyRules(policy, packages, workspace, type));
  // Without a package the region's own window always applies, as a runbook's deploy step times itself by it.
  const followsRegion = !pkg || [...byPolicy.keys()].some((policy) => policy.followsRegionTiming);
  if (followsRegion && regionWindow) rules.push(regionWindowRule(region, regionWindow, type));
  if (!pkg) {
    const policies = [...byPolicy.keys()];
    assumed.push(
      policies.length
        ? `no --package: the strictest package policy applies (every policy a package may have here: ${titles(policies)}), with ${region.id}'s own window.`
        : `no --package: ${region.id}'s own window applies (the workspace lists no packages).`,
    );
  }

  const types = type ? [type] : workspace.releaseTypes;
  for (const candidate of types) {
    const rule = releaseTypeWindowsRule(candidate, workspace);
    if (rule) rules.push(rule);
  }
  for (const freeze of workspace.freezes) {
    const rule = freezeRule(freeze, type);
    if (rule) rules.push(rule);
  }
  if (!type) {
    const windowed = workspace.releaseTypes.filter((t) => t.deploymentWindows !== undefined);
    const windows = windowed.length ? `every release type's deployment windows: ${titles(windowed)}` : 'no release type here has deployment windows';
    assumed.push(`no --release-type: the strictest applies (${windows}; every freeze, with no exception).`);
  }
  return { evaluation: evaluateRules(rules, now), assumed };
}
