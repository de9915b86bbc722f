import type { YamlPath } from '../workspace/source';
import type { Runbook, Step, Workspace } from '../workspace/workspace';
import { strategyOf } from '../workspace/schema/runbooks';

export interface StrategyProblem {
  /** Where in the runbook file the problem is written. */
  path: YamlPath;
  message: string;
}

interface Located {
  step: Step;
  path: YamlPath;
}

/** Every step a step waits for, directly or through others. */
function prerequisitesOf(steps: ReadonlyMap<string, Step>): Map<string, Set<string>> {
  const memo = new Map<string, Set<string>>();
  const visit = (id: string, trail: Set<string>): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const all = new Set<string>();
    if (trail.has(id)) return all;
    trail.add(id);
    for (const before of steps.get(id)?.after ?? []) {
      all.add(before);
      for (const further of visit(before, trail)) all.add(further);
    }
    trail.delete(id);
    memo.set(id, all);
    return all;
  };
  for (const id of steps.keys()) visit(id, new Set());
  return memo;
}

function isStaging(step: Step, workspace: Workspace): boolean {
  if (!step.regions || step.regions.ids === 'all') return false;
  const staging = new Set(workspace.regions.filter((r) => r.environment === 'staging').map((r) => r.id));
  return step.regions.ids.every((id) => staging.has(id));
}

const trafficOf = (step: Step): number | undefined => (step.kind === 'command' ? step.traffic : undefined);

/**
 * Issue 17: each runbook declares its strategy, and the engine checks it has that strategy's steps, so a
 * canary without its monitoring between stages, or a blue/green switch with no gate after it, is refused
 * when the workspace loads. Traffic steps are command steps with `traffic:`; "a gate between" means a
 * metric gate that waits for the earlier traffic step and that the later one waits for: the engine then
 * holds the later step until the gate's criteria have held for its minutes (shared/engine/decideStep.ts).
 */
export function strategyProblems(runbook: Runbook, workspace: Workspace): StrategyProblem[] {
  const located: Located[] = runbook.gates.flatMap((gate, g) => gate.steps.map((step, s) => ({ step, path: ['gates', g, 'steps', s] as YamlPath })));
  const steps = new Map(located.map(({ step }) => [step.id, step]));
  const before = prerequisitesOf(steps);
  const waitsFor = (later: Step, earlier: Step) => before.get(later.id)?.has(earlier.id) === true;
  const problems: StrategyProblem[] = [];
  const strategy = strategyOf(runbook);
  const name = `Runbook ${runbook.id} follows the ${strategy} strategy`;
  const traffic = located.filter(({ step }) => trafficOf(step) !== undefined);
  const deploying = located.filter(({ step }) => step.deploys);
  const gates = located.filter(({ step }) => step.kind === 'metricGate');
  const gateBetween = (earlier: Step, later: Step) => gates.some(({ step }) => waitsFor(step, earlier) && waitsFor(later, step));
  const production = (list: Located[]) => list.filter(({ step }) => !isStaging(step, workspace));

  const trafficSteps = (minimum: number) => {
    if (traffic.length < minimum) {
      problems.push({ path: ['strategy'], message: `${name}, so it needs ${minimum === 1 ? 'a traffic step' : `at least ${minimum} traffic steps`} (a command step with traffic: <percent>); it has ${traffic.length}` });
      return;
    }
    traffic.forEach(({ step, path }, i) => {
      const previous = traffic[i - 1];
      if (!previous) return;
      if (trafficOf(step)! <= trafficOf(previous.step)!) problems.push({ path: [...path, 'traffic'], message: `${name}: traffic step ${step.id} (${trafficOf(step)}%) must take more traffic than ${previous.step.id} (${trafficOf(previous.step)}%) before it` });
      if (!waitsFor(step, previous.step)) problems.push({ path: [...path, 'after'], message: `${name}: traffic step ${step.id} must wait for ${previous.step.id}` });
      else if (!gateBetween(previous.step, step)) problems.push({ path: [...path, 'after'], message: `${name}: between ${previous.step.id} (${trafficOf(previous.step)}%) and ${step.id} (${trafficOf(step)}%) there must be a metric gate that holds until its criteria have held for its minutes` });
    });
    const last = traffic[traffic.length - 1]!;
    if (trafficOf(last.step) !== 100) problems.push({ path: [...last.path, 'traffic'], message: `${name}: its last traffic step ${last.step.id} must take 100% of the traffic, not ${trafficOf(last.step)}%` });
  };
  const needsBefore = (kind: Step['kind'], what: string, targets: Located[]) => {
    for (const { step, path } of targets) {
      if (![...(before.get(step.id) ?? [])].some((id) => steps.get(id)?.kind === kind)) problems.push({ path: [...path, 'after'], message: `${name}: ${step.id} must wait for ${what}` });
    }
  };
  const gateAfterLast = (targets: Located[], what: string) => {
    const last = targets[targets.length - 1];
    if (last && !gates.some(({ step }) => waitsFor(step, last.step))) problems.push({ path: last.path, message: `${name}: a metric gate must watch ${what} ${last.step.id}` });
  };

  switch (strategy) {
    case 'region-by-region':
      // Seed 000: every deploy is one region's (maintenance mode, deploy, check-versions, graphs, next region).
      for (const { step, path } of deploying) {
        if (!step.regions) problems.push({ path, message: `${name}, so its deploying step ${step.id} must name its regions` });
      }
      break;
    case 'canary':
      // Seed 001: canary 1% → 10% → 50% → 100%, each stage monitored before the next.
      trafficSteps(3);
      needsBefore('baseline', 'a baseline captured before the canary', traffic.slice(0, 1));
      break;
    case 'blue-green': {
      // Seed 002: deploy green, switch, monitor 15 minutes; seed 004: shift 10% → 50% → 100% with a gate between.
      trafficSteps(1);
      const productionTraffic = production(traffic);
      needsBefore('approval', 'an approval before production takes traffic', productionTraffic.slice(0, 1));
      needsBefore('baseline', 'a baseline captured before production takes traffic', productionTraffic.slice(0, 1));
      gateAfterLast(productionTraffic, 'the traffic after the last shift,');
      // Seed 002: a release deployed to staging soaks there before production.
      const commands = new Map(workspace.commands.map((c) => [c.id, c]));
      const staged = located.some(({ step }) => step.kind === 'command' && isStaging(step, workspace) && commands.get(step.command)?.purpose === 'deploy');
      if (staged) needsBefore('soak', 'a soak in staging before production takes traffic', productionTraffic.slice(0, 1));
      break;
    }
    case 'phased-gates': {
      // Seed 003: readiness review, health baseline, CAB approval and backout preparedness before any deploy.
      const first = deploying.slice(0, 1);
      needsBefore('manual', 'a readiness review', first);
      needsBefore('baseline', 'a health baseline', first);
      needsBefore('approval', 'CAB or Release Manager approval', first);
      gateAfterLast(deploying, 'the release after its last deploy,');
      // "Pause between stages to confirm telemetry remains within error budgets."
      deploying.forEach(({ step, path }, i) => {
        const previous = deploying[i - 1];
        if (previous && !gateBetween(previous.step, step)) problems.push({ path: [...path, 'after'], message: `${name}: between the stages ${previous.step.id} and ${step.id} there must be a metric gate (a pause while telemetry stays within the error budget)` });
      });
      if (deploying.length === 0) problems.push({ path: ['strategy'], message: `${name}, so it needs a deploying step` });
      break;
    }
  }
  return problems;
}
