import { stepCommands } from '../release/stepCommands';
import { buildRollbackPlan } from '../rollback/plan';
import { describeArgv } from '../terminal/argv';
import { fillCommandTemplate } from '../workspace/commandTemplate';
import { PLACEHOLDER } from '../workspace/schema/commands';
import type { CommandTemplate, Release, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { allow, refuse, refuseWithInstants, releaseOf, type Decision, type EngineState, type NamedInstant } from './decision';
import { decideStep } from './decideStep';
import { rollbackRoleRefusal } from './decideRollback';
import { leaseInTheWay, leaseWords } from './decideLease';
import { recordOf } from './fold';
import type { Intent } from './intents';
import { liveRelease, progressOf } from './live';
import type { Actor } from './state';
import { computeStepStates } from './stepStates';

type ShellIntent = Extract<Intent, { kind: 'shellCommand' | 'answerShellCommand' | 'shellCommandExited' }>;

/** What a console shell's argv is, in the release's terms. */
export type ShellCommandMatch =
  | { kind: 'step'; step: string; title: string; region: string | null; commandId: string }
  | { kind: 'rollback'; handover: string; region: string; commandId: string }
  | { kind: 'readOnly'; commandId: string }
  | { kind: 'none' };

/**
 * Issue 16, "Console shells": a workspace tool typed into one of the console's shells is guarded at exec
 * by a shim that asks here. Its argv is decided as the step it is (the step's own rules: window, order,
 * freeze), or as a rollback step (rollbacks ignore windows), or as a read-only command of the workspace;
 * anything else is not a step of this release. A refusal is not a locked door (a PE can always open a
 * terminal elsewhere): the shim asks "run anyway?" and the answer is logged.
 */
export function decideShellCommand(intent: ShellIntent, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const at = { actor, at: now };
  switch (intent.kind) {
    case 'shellCommand': {
      const release = releaseOf(workspace, intent.release);
      if (!release) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
      const match = matchShellCommand(workspace, release, state, now, intent.argv, intent.region);
      // A rehearsal never runs a workspace tool from a shell: it shows what would have run and records it.
      if (intent.rehearsal) {
        const stepId = match.kind === 'step' ? { stepId: match.step } : {};
        const regionId = (match.kind === 'step' || match.kind === 'rollback' ? match.region : null) ?? intent.region ?? '';
        return allow({ type: 'shellCommandWouldRun', ...at, ...stepId, regionId, argv: intent.argv });
      }
      const allowed = (region: string | null, step: string | null, handover: string | null, commandId: string) =>
        allow({ type: 'shellCommandAllowed', ...at, release: intent.release, region, step, handover, command: commandId, argv: intent.argv });
      // A region another run holds (a deploy, a rollback, a back-out) is not changed under it from a shell either:
      // the same lease a Run button would be refused by (decideLease.ts), said before "run anyway?".
      const held = match.kind === 'step' || match.kind === 'rollback' ? heldRegion(state, match.region, actor, now) : null;
      switch (match.kind) {
        case 'step': {
          // The step's own decision, as if its Run button were pressed: one rule, whichever door it comes through.
          const decision = decideStep({ kind: 'startStep', release: intent.release, step: match.step, region: match.region }, state, now, actor, workspace);
          if (!decision.allowed) {
            // Said at a prompt: which step the typed line is, then the step's own reasons, one per line.
            const where = match.region === null ? '' : ` in ${match.region}`;
            return { ...decision, message: `${describeArgv(intent.argv)} is the step "${match.title}"${where}, which may not run now:` };
          }
          if (held) return refuseWithInstants(refuse('conflict', `${describeArgv(intent.argv)} is the step "${match.title}" in ${match.region}, which another run holds:`, null, [held.reason]), held.instants);
          return allowed(match.region, match.step, null, match.commandId);
        }
        case 'rollback': {
          // A rollback's command is a rollback, whichever door: rollback.yaml's roles run it.
          const denied = rollbackRoleRefusal(workspace, actor);
          const reasons = [...(denied && !denied.allowed ? [denied.message] : []), ...(held ? [held.reason] : [])];
          if (reasons.length) return refuseWithInstants(refuse(denied ? 'blocked' : 'conflict', `${describeArgv(intent.argv)} is a step of ${match.handover}'s rollback in ${match.region}, which may not run now:`, null, reasons), held?.instants ?? []);
          return allowed(match.region, null, match.handover, match.commandId);
        }
        case 'readOnly':
          return allowed(intent.region, null, null, match.commandId);
        case 'none': {
          const reason = `${describeArgv(intent.argv)} is not a step of this release (${intent.release}).`;
          return refuse('blocked', reason);
        }
      }
      break;
    }
    case 'answerShellCommand':
      if (intent.blockedBy.length === 0) return refuse('invalid_request', 'Only a refused shell command can be run anyway or declined.');
      return allow({ type: 'shellCommandAnswered', ...at, release: intent.release, region: intent.region, argv: intent.argv, answer: intent.runAnyway ? 'runAnyway' : 'declined', blockedBy: intent.blockedBy });
    case 'shellCommandExited':
      return allow({ type: 'shellCommandExited', ...at, release: intent.release, region: intent.region, argv: intent.argv, exitCode: intent.exitCode, signal: intent.signal });
  }
}

/**
 * Why a shell may not change `region` now: a run holds its lease (none of this actor's taking-over); and the instants
 * that reason names (since, until), for the shell's desk to read in its own zone.
 */
function heldRegion(state: EngineState, region: string | null, actor: Actor, now: number): { reason: string; instants: NamedInstant[] } | null {
  if (region === null) return null;
  // No run is a console shell's: any run holding the region is in the way.
  const lease = leaseInTheWay(state, region, SHELL_RUN, actor);
  if (!lease) return null;
  const { sentence, instants } = leaseWords(state, lease, now);
  return { reason: `${sentence}.`, instants };
}

const SHELL_RUN = 'console shell';

/**
 * Which step instance, rollback step or read-only command an argv is: exact argv equality with a filled
 * command, so `deploy apply x 1.0 --region EUW2` matches only the deploy it names. The shell's own region
 * is tried first; a command naming another region is that region's step (an S01 shell typing EUW2's
 * maintenance is decided on EUW2's rules).
 */
export function matchShellCommand(workspace: Workspace, release: Release, state: EngineState, now: number, argv: readonly string[], shellRegion: string | null): ShellCommandMatch {
  const index = indexWorkspace(workspace);
  const record = recordOf(state, release.id);
  const live = liveRelease(release, record);
  const steps = new Map((index.runbooks.get(live.runbook)?.gates.flatMap((g) => g.steps) ?? []).map((s) => [s.id, s]));
  const instances = computeStepStates({ workspace, release: live, progress: progressOf(record, state.world), now }).filter((i) => i.kind === 'command');
  instances.sort((a, b) => Number(b.region === shellRegion) - Number(a.region === shellRegion));
  for (const instance of instances) {
    const step = steps.get(instance.stepId);
    if (!step) continue;
    const commands = stepCommands(workspace, live, step, instance.region);
    if (commands.ok && commands.runs.some((run) => sameArgv(run.argv, argv))) return { kind: 'step', step: step.id, title: step.title, region: instance.region, commandId: commands.commandId };
  }
  for (const ho of live.handovers) {
    const plan = buildRollbackPlan(workspace, live, { ...record, ...state.world }, ho.id);
    for (const region of plan.regions) {
      const found = region.steps.find((s) => sameArgv(s.argv, argv));
      if (found) return { kind: 'rollback', handover: ho.id, region: region.regionId, commandId: found.commandId };
    }
  }
  const readOnly = readOnlyCommandOf(workspace, argv);
  return readOnly ? { kind: 'readOnly', commandId: readOnly.id } : { kind: 'none' };
}

/** The workspace command with no declared effect that this argv exactly is (`maintenance status --region EUW2`), if any. */
export function readOnlyCommandOf(workspace: Workspace, argv: readonly string[]): CommandTemplate | undefined {
  return workspace.commands.find((c) => c.effect === undefined && fillsTo(c, argv, workspace.patterns));
}

/** Whether a command with no declared effect, filled with values its patterns accept, is exactly this argv. */
function fillsTo(template: CommandTemplate, argv: readonly string[], patterns: Readonly<Record<string, string>>): boolean {
  if (template.argv.length !== argv.length) return false;
  const values: Record<string, string> = {};
  template.argv.forEach((entry, i) => {
    const name = PLACEHOLDER.exec(entry)?.[1];
    if (name !== undefined) values[name] = argv[i]!;
  });
  const filled = fillCommandTemplate(template.argv, values, patterns);
  return filled.ok && sameArgv(filled.argv, argv);
}

function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}
