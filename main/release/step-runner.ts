import type { Actor } from '../../shared/api';
import type { Baseline } from '../../shared/api/metrics';
import type { CommandOutcome } from '../../shared/engine/intents';
import { recordOf } from '../../shared/engine/fold';
import { liveRelease } from '../../shared/engine/live';
import { isWithheldInRehearsal, wouldRunLine } from '../../shared/engine/rehearsalTools';
import { stepCommands, type StepRun } from '../../shared/release/stepCommands';
import type { Release, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace, stepOfRelease } from '../../shared/workspace/workspace';
import { notStartedOutcome, outcomeOf, type CommandRunner } from './command-runner';
import type { IntentLoop } from './loop';
import type { StepRef } from './service';
import { actorWords } from '../../shared/words';

export interface StepRunnerOptions {
  workspace: Workspace;
  loop: IntentLoop;
  commands: CommandRunner;
  /** Whether the console runs a rehearsal: then a command that is not rehearsal-safe is withheld, never spawned. */
  rehearsal: boolean;
  captureBaseline(regionIds: string[]): { baselines: Baseline[]; missing: { regionId: string; metricId: string }[] };
}

/**
 * The work a started step does, begun only after its start is in the log: a command step's runs in the
 * region's terminal, a baseline's capture. What each run ends with goes back through `decide` as an
 * observation, so its record and its effect on the world are logged before they are applied.
 */
export class StepRunner {
  /** The terminal session each running command step's current run is in, by step instance (release/step@region). */
  private readonly sessions = new Map<string, string>();

  constructor(private readonly options: StepRunnerOptions) {}

  /** The sessions a stop is escalating in: the desk that asked folds its own stepStopRequested from the store too. */
  private readonly stopping = new Set<string>();

  /**
   * Applies a logged stopStep: the step's running command is stopped; its exit then fails the step through `decide`.
   * With a shared log the stop may come from another desk's Stop; only the desk whose terminal runs the step has
   * a session for it, and it stops it once, whichever desk asked.
   */
  async stop(ref: StepRef, by: string): Promise<void> {
    const sessionId = this.sessions.get(runningKey(ref));
    if (sessionId === undefined || this.stopping.has(sessionId)) return;
    this.stopping.add(sessionId);
    try {
      await this.options.commands.stop(sessionId, by);
    } finally {
      this.stopping.delete(sessionId);
    }
  }

  async afterStart(ref: StepRef, release: Release, actor: Actor): Promise<void> {
    const step = stepOfRelease(this.options.workspace, release.id, ref.stepId);
    if (step?.kind === 'baseline') return this.captureBaseline(ref, step.regions?.ids ?? [], actor);
    if (step?.kind !== 'command') return;
    const live = liveRelease(release, recordOf(this.options.loop.state, ref.releaseId));
    const commands = stepCommands(this.options.workspace, live, step, ref.regionId);
    // decide refused an unfillable step before it was logged as started; this only guards a race with a handover move.
    if (!commands.ok) return void (await this.observe(ref, step.command, [], {}, { started: false, error: commands.error }, true, actor));
    // The run goes on after the call returns: the renderer watches it in the region's terminal.
    void this.runCommands(ref, commands.commandId, commands.runs, actor).catch((error: unknown) => console.error('release-console: command step failed to run:', error));
  }

  private async runCommands(ref: StepRef, commandId: string, runs: StepRun[], actor: Actor): Promise<void> {
    const template = indexWorkspace(this.options.workspace).commands.get(commandId);
    for (const [i, { argv, values }] of runs.entries()) {
      const last = i === runs.length - 1;
      if (isWithheldInRehearsal(template, this.options.rehearsal)) {
        // Decided and logged (with the effect it would have had) before the terminal says it was not run.
        const withheld = await this.options.loop.handle({ kind: 'commandWithheld', release: ref.releaseId, step: ref.stepId, region: ref.regionId, commandId, argv, values, last, rehearsal: true }, actor);
        if (!withheld.allowed) return;
        this.options.commands.showWithheld(ref.regionId, argv, wouldRunLine(argv));
        continue;
      }
      let outcome: CommandOutcome;
      try {
        const result = await this.options.commands
          .run(ref.regionId, argv, { commandId, releaseId: ref.releaseId, onStarted: (sessionId) => this.sessions.set(runningKey(ref), sessionId), ranBy: actorWords(actor) })
          .finally(() => this.sessions.delete(runningKey(ref)));
        outcome = outcomeOf(result);
      } catch (error) {
        outcome = notStartedOutcome(error);
      }
      await this.observe(ref, commandId, argv, values, outcome, last, actor);
      if (!outcome.started || outcome.exitCode !== 0 || outcome.interruption) return;
    }
    if (runs.length === 0) await this.observe(ref, commandId, [], {}, { started: true, exitCode: 0, signal: null, startedAt: 0, endedAt: 0, transcriptFile: null, outputTail: '' }, true, actor);
  }

  private async observe(ref: StepRef, commandId: string, argv: string[], values: StepRun['values'], outcome: CommandOutcome, last: boolean, actor: Actor) {
    return this.options.loop.handle({ kind: 'commandExited', release: ref.releaseId, step: ref.stepId, region: ref.regionId, commandId, argv, values, outcome, last }, actor);
  }

  private async captureBaseline(ref: StepRef, ids: string[] | 'all', actor: Actor): Promise<void> {
    const regions = ref.regionId ? [ref.regionId] : ids === 'all' ? this.options.workspace.regions.map((r) => r.id) : ids;
    const captured = this.options.captureBaseline(regions);
    await this.options.loop.handle({ kind: 'baselineCaptured', release: ref.releaseId, step: ref.stepId, region: ref.regionId, baselines: captured.baselines, missing: captured.missing }, actor);
  }
}

function runningKey(ref: StepRef): string {
  return `${ref.releaseId}/${ref.stepId}@${ref.regionId ?? ''}`;
}
