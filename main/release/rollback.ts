import type { BackOutView, RollbackPlanView, RollbackRunView } from '../../shared/api/rollback';
import { testingFailureReason, testingFailures } from '../../shared/engine/testingFailure';
import { buildBackOutPlan, type BackOutPlan } from '../../shared/rollback/backOut';
import type { Actor } from '../../shared/api';
import type { ReleaseEvent } from '../../shared/engine/events';
import { backOutLeaseBlock } from '../../shared/engine/decideLease';
import { recordOf } from '../../shared/engine/fold';
import type { CommandOutcome, Intent } from '../../shared/engine/intents';
import { liveRelease } from '../../shared/engine/live';
import { isWithheldInRehearsal, wouldRunLine } from '../../shared/engine/rehearsalTools';
import { buildRollbackPlan } from '../../shared/rollback/plan';
import type { RollbackRecord, RollbackStepRecord } from '../../shared/rollback/record';
import type { MetricSeries } from '../../shared/rollback/criteria';
import { DEFAULT_RECOVERY_MINUTES, serviceRestoredAcross, serviceRestoredAt, type Recovery } from '../../shared/rollback/restored';
import type { Handover, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import { notStartedOutcome, outcomeOf, type CommandRunner } from './command-runner';
import type { IntentLoop } from './loop';
import { fixForwardIncidentMarkdown, incidentFilename, incidentMarkdown, rollbackRunView } from './rollback-view';
import { actorWords, stopperWords } from '../../shared/words';

/** How often a waiting rollback asks again whether its region is free: the lease is let go by an event, locally or from another desk's log. */
const LEASE_WAIT_POLL_MS = 250;

export interface RollbackServiceOptions {
  workspace: Workspace;
  loop: IntentLoop;
  /** Who is signed in: a rollback's intents are theirs. */
  operator: () => Actor;
  commands: CommandRunner;
  /** Whether the console runs a rehearsal: then a rollback command that is not rehearsal-safe is withheld, never spawned. */
  rehearsal: boolean;
  /** Pushes the run to every renderer (the release view is pushed by the loop's onChange). */
  emit: (run: RollbackRunView) => void;
  /**
   * Issue 17: a region's metric series since a rollback ended, with the baselines its criteria compare
   * against; null for a region without metrics. The rule that reads them is shared/rollback/restored.ts.
   */
  metrics: { series(regionId: string, metricId: string): MetricSeries; hasRegion(regionId: string): boolean; now(): number } | null;
}

/** A rollback's or a back-out's command running on this desk, and who the record says asked to stop it. */
interface RunningCommand {
  sessionId: string;
  /** Who the record's `stopping` names for this very step (name and role), or null while nobody asked. */
  stopAskedBy: () => string | null;
  /** The stop was sent to the terminal: it escalates on its own, so it is sent once. */
  stopSent: boolean;
}

/**
 * Issue 7: runs a handover's rollback plan region by region through the same command runner as the
 * rollout (each command visible in the region's terminal). Every intent and every step's outcome goes
 * through `decide` and the log first (shared/engine/decideRollback.ts); this only runs the commands.
 */
export class RollbackService {
  /** Runs whose loop is going in this process, so a retry cannot start a second loop beside the first. */
  private readonly driving = new Set<string>();
  /** The command each running rollback (release/handover) or back-out (release/backout/region) now waits on here: what its Stop stops. */
  private readonly sessions = new Map<string, RunningCommand>();
  private observingRecovery = false;

  constructor(private readonly options: RollbackServiceOptions) {}

  preview(releaseId: string, handoverId: string): { plan: RollbackPlanView; run: RollbackRunView | null } {
    this.handover(releaseId, handoverId);
    const record = recordOf(this.options.loop.state, releaseId);
    const release = liveRelease(this.release(releaseId), record);
    const plan = buildRollbackPlan(this.options.workspace, release, { ...record, ...this.options.loop.state.world }, handoverId);
    // Seed 000's testing failure: the dialog starts with it as the reason, as decideRollback would record it.
    const reason = testingFailureReason(testingFailures(this.options.workspace, release, record, this.options.loop.state.world), handoverId);
    return { plan: { ...plan, reason }, run: this.get(releaseId, handoverId) };
  }

  get(releaseId: string, handoverId: string): RollbackRunView | null {
    this.handover(releaseId, handoverId);
    const run = recordOf(this.options.loop.state, releaseId).rollbacks[handoverId];
    return run ? this.viewOf(releaseId, run) : null;
  }

  /**
   * Issue 17: after each poll, a finished rollback whose regions' metrics have stayed back under the
   * criteria for the recovery duration gets its "Service restored", decided and logged.
   */
  async observeRestored(): Promise<void> {
    const metrics = this.options.metrics;
    // Polls land in bursts: one look at a time, so a restoration is offered to `decide` once.
    if (!metrics || this.observingRecovery) return;
    this.observingRecovery = true;
    try {
      await this.offerRestorations(metrics);
    } finally {
      this.observingRecovery = false;
    }
  }

  private async offerRestorations(metrics: NonNullable<RollbackServiceOptions['metrics']>): Promise<void> {
    const { workspace } = this.options;
    for (const [releaseId, record] of Object.entries(this.options.loop.state.releases)) {
      for (const run of Object.values(record.rollbacks)) {
        if (run.status !== 'done' || run.endedAt === null || run.restoredAt !== null) continue;
        const from = run.endedAt;
        const regions: Record<string, Recovery> = {};
        for (const regionId of new Set(run.steps.map((s) => s.regionId))) {
          if (!metrics.hasRegion(regionId)) continue;
          regions[regionId] = serviceRestoredAt({
            criteria: workspace.rollbackCriteria,
            series: Object.fromEntries(workspace.metrics.map((m) => [m.id, metrics.series(regionId, m.id)])),
            baseline: Object.fromEntries(record.baselines.filter((b) => b.regionId === regionId).map((b) => [b.metricId, b.mean])),
            periodMs: Object.fromEntries(workspace.metrics.map((m) => [m.id, m.periodSeconds * 1000])),
            from,
            recoveryMinutes: workspace.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES,
            now: metrics.now(),
            inMaintenance: this.options.loop.state.world.maintenance[regionId] === true,
          });
        }
        const recovery = serviceRestoredAcross(regions);
        if (!recovery.restored) continue;
        const events = await this.observe({ kind: 'serviceRestored', release: releaseId, handover: run.handoverId, at: recovery.at, healthySince: recovery.healthySince });
        if (events) this.emitChanges(events);
      }
    }
  }

  incident(releaseId: string, handoverId: string): { filename: string; mediaType: string; content: string } {
    const ho = this.handover(releaseId, handoverId);
    const fixForward = recordOf(this.options.loop.state, releaseId).fixForwards[handoverId] ?? null;
    // Issue 19: a breach fixed forward has an incident record too, with no rollback in it.
    if (fixForward && !recordOf(this.options.loop.state, releaseId).rollbacks[handoverId]) {
      return { filename: `incident-${handoverId}-fix-forward.md`, mediaType: 'text/markdown', content: fixForwardIncidentMarkdown(fixForward, ho, releaseId) };
    }
    const run = this.runOf(releaseId, handoverId);
    return { filename: incidentFilename(run), mediaType: 'text/markdown', content: incidentMarkdown(run, ho, releaseId, this.recoveryMinutes, fixForward) };
  }

  async start(releaseId: string, handoverId: string, confirm: string, reason?: string): Promise<RollbackRunView> {
    await this.ask({ kind: 'startRollback', release: releaseId, handover: handoverId, confirm, reason });
    void this.drive(releaseId, handoverId);
    return this.get(releaseId, handoverId)!;
  }

  async retry(releaseId: string, handoverId: string, stepId: string): Promise<RollbackRunView> {
    await this.ask({ kind: 'retryRollback', release: releaseId, handover: handoverId, stepId });
    void this.drive(releaseId, handoverId);
    return this.get(releaseId, handoverId)!;
  }

  async skip(releaseId: string, handoverId: string, stepId: string, reason: string): Promise<RollbackRunView> {
    await this.ask({ kind: 'skipRollbackStep', release: releaseId, handover: handoverId, stepId, reason });
    void this.drive(releaseId, handoverId);
    return this.get(releaseId, handoverId)!;
  }

  /** Stops the command the run now waits on: decided and logged first, then its terminal session is stopped. */
  async stopStep(releaseId: string, handoverId: string, stepId: string): Promise<RollbackRunView> {
    await this.ask({ kind: 'stopRollbackStep', release: releaseId, handover: handoverId, stepId });
    return this.get(releaseId, handoverId)!;
  }

  async abort(releaseId: string, handoverId: string): Promise<RollbackRunView> {
    await this.ask({ kind: 'abortRollback', release: releaseId, handover: handoverId });
    return this.get(releaseId, handoverId)!;
  }

  /** Issue 17: "Back out region", as it would run now, or as it runs. */
  previewBackOut(releaseId: string, regionId: string): BackOutView {
    const record = recordOf(this.options.loop.state, releaseId);
    const plan = buildBackOutPlan(this.options.workspace, liveRelease(this.release(releaseId), record), { ...record, ...this.options.loop.state.world }, regionId);
    const run = record.backOuts[regionId];
    if (run && (run.status === 'running' || run.status === 'failed' || run.status === 'done')) {
      const current = run.status === 'running' ? { blockedBy: [], blockedInstants: [] } : this.backOutBlocks(plan, regionId);
      return { releaseId, regionId, handovers: run.handovers, steps: run.steps, ...current, run: { status: run.status, startedAt: run.startedAt, startedBy: run.startedBy, endedAt: run.endedAt, reason: run.reason, stopping: run.stopping } };
    }
    const steps = plan.steps.map((s) => ({ ...s, state: 'pending' as const, exitCode: null, startedAt: null, endedAt: null, detail: null }));
    return { releaseId, regionId, handovers: plan.handovers, steps, ...this.backOutBlocks(plan, regionId), run: null };
  }

  /** Decided and logged first (shared/engine/decideBackOut.ts); then its steps run in the region's terminal. */
  async backOut(releaseId: string, regionId: string, confirm: string, reason?: string): Promise<BackOutView> {
    await this.ask({ kind: 'backOutRegion', release: releaseId, region: regionId, confirm, reason });
    void this.driveBackOut(releaseId, regionId);
    return this.previewBackOut(releaseId, regionId);
  }

  /** Stops the command a running back-out waits on: decided and logged first, then its terminal session is stopped. */
  async stopBackOutStep(releaseId: string, regionId: string, stepId: string): Promise<BackOutView> {
    await this.ask({ kind: 'stopBackOutStep', release: releaseId, region: regionId, stepId });
    return this.previewBackOut(releaseId, regionId);
  }

  /**
   * A stop is logged at whichever desk it was pressed (shared/engine/decideRollback.ts, decideBackOut.ts),
   * but the command runs at the desk that drives the run. So on every change this desk logs or folds from
   * the shared log, and as soon as a command's terminal exists, a command whose step the record says is
   * being stopped is stopped here, as by the person who asked. The stop escalates over up to 10 s; the
   * step's exit arrives as a progress push, so nobody waits for it.
   */
  private carryOutStops(): void {
    for (const command of this.sessions.values()) {
      if (command.stopSent) continue;
      const by = command.stopAskedBy();
      if (by === null) continue;
      command.stopSent = true;
      void this.options.commands.stop(command.sessionId, by).catch((error: unknown) => console.error('release-console: a rollback command could not be stopped:', error));
    }
  }

  /**
   * One command of a rollback or a back-out, run in its region's terminal: what it ended with, for `decide`.
   * While it runs, its terminal is what the run's Stop stops, at once if the stop was logged before it started.
   */
  private async runCommand(key: string, step: Pick<RollbackStepRecord, 'regionId' | 'argv' | 'commandId'>, releaseId: string, ranBy: string, stopAskedBy: () => string | null): Promise<CommandOutcome> {
    const onStarted = (sessionId: string) => {
      this.sessions.set(key, { sessionId, stopAskedBy, stopSent: false });
      this.carryOutStops();
    };
    try {
      const result = await this.options.commands.run(step.regionId, step.argv, { commandId: step.commandId, releaseId, onStarted, ranBy }).finally(() => this.sessions.delete(key));
      return outcomeOf(result);
    } catch (error) {
      return notStartedOutcome(error);
    }
  }

  private backOutBlocks(plan: BackOutPlan, regionId: string): Pick<BackOutView, 'blockedBy' | 'blockedInstants'> {
    const fromPlan = plan.nothingToDo ? [plan.nothingToDo] : plan.flags;
    // Another run in the region (decideLease.ts) comes first: what it leaves there changes the plan.
    const leased = backOutLeaseBlock(this.options.loop.engineState(), regionId, this.options.operator(), this.options.loop.now());
    return leased ? { blockedBy: [leased.message, ...fromPlan], blockedInstants: leased.instants ?? [] } : { blockedBy: fromPlan, blockedInstants: [] };
  }

  /** The back-out's steps one at a time, through the rollback's command runner: each outcome is decided before the next starts. */
  private async driveBackOut(releaseId: string, regionId: string): Promise<void> {
    const key = `${releaseId}/backout/${regionId}`;
    if (this.driving.has(key)) return;
    this.driving.add(key);
    try {
      for (;;) {
        const run = recordOf(this.options.loop.state, releaseId).backOuts[regionId];
        if (!run || run.status !== 'running') return;
        const next = run.steps.find((s) => s.state === 'pending');
        if (!next) return void (await this.observe({ kind: 'backOutFinishing', release: releaseId, region: regionId }));
        if (!(await this.observe({ kind: 'backOutStepStarting', release: releaseId, region: regionId, stepId: next.id }))) return;
        if (isWithheldInRehearsal(indexWorkspace(this.options.workspace).commands.get(next.commandId), this.options.rehearsal)) {
          if (!(await this.observe({ kind: 'backOutStepWithheld', release: releaseId, region: regionId, stepId: next.id, rehearsal: true }))) return;
          this.options.commands.showWithheld(next.regionId, next.argv, wouldRunLine(next.argv));
          continue;
        }
        const outcome = await this.runCommand(key, next, releaseId, actorWords(run.startedBy), () => stoppingOf(recordOf(this.options.loop.state, releaseId).backOuts[regionId], next.id));
        await this.observe({ kind: 'backOutStepExited', release: releaseId, region: regionId, stepId: next.id, outcome });
      }
    } catch (error) {
      console.error('release-console: backing a region out failed:', error);
    } finally {
      this.driving.delete(key);
    }
  }

  /** At start: a step that was running when the console stopped is failed, never assumed done. */
  async markInterrupted(): Promise<void> {
    for (const releaseId of this.options.workspace.releases.map((r) => r.id)) {
      for (const run of Object.values(recordOf(this.options.loop.state, releaseId).rollbacks)) {
        if (run.status === 'running') await this.observe({ kind: 'rollbackInterrupted', release: releaseId, handover: run.handoverId });
      }
      for (const run of Object.values(recordOf(this.options.loop.state, releaseId).backOuts)) {
        if (run?.status === 'running') await this.observe({ kind: 'backOutInterrupted', release: releaseId, region: run.regionId });
      }
    }
  }

  private async drive(releaseId: string, handoverId: string): Promise<void> {
    const key = `${releaseId}/${handoverId}`;
    if (this.driving.has(key)) return;
    this.driving.add(key);
    try {
      for (;;) {
        const run = this.runOf(releaseId, handoverId);
        if (run.status !== 'running') return;
        const next = run.steps.find((s) => s.state === 'pending');
        if (run.abortRequested || !next) return void (await this.observe({ kind: 'rollbackFinishing', release: releaseId, handover: handoverId }));
        const starting = await this.observe({ kind: 'rollbackStepStarting', release: releaseId, handover: handoverId, stepId: next.id });
        if (!starting || starting.some((e) => e.type === 'rollbackChanged' && e.intent === 'rollbackWaiting')) {
          // Another run holds the step's region (decideLease.ts): ask again once it may have let go.
          if (this.runOf(releaseId, handoverId).waitingFor === null) return;
          await new Promise((resolve) => setTimeout(resolve, LEASE_WAIT_POLL_MS));
          continue;
        }
        if (isWithheldInRehearsal(indexWorkspace(this.options.workspace).commands.get(next.commandId), this.options.rehearsal)) {
          // Decided and logged (with the effect it would have had) before the terminal says it was not run.
          const withheld = await this.observe({ kind: 'rollbackStepWithheld', release: releaseId, handover: handoverId, stepId: next.id, rehearsal: true });
          if (!withheld) return;
          this.options.commands.showWithheld(next.regionId, next.argv, wouldRunLine(next.argv));
          continue;
        }
        const outcome = await this.runCommand(key, next, releaseId, actorWords(run.startedBy), () => stoppingOf(recordOf(this.options.loop.state, releaseId).rollbacks[handoverId], next.id));
        await this.observe({ kind: 'rollbackStepExited', release: releaseId, handover: handoverId, stepId: next.id, outcome });
      }
    } catch (error) {
      console.error('release-console: the rollback loop failed:', error);
    } finally {
      this.driving.delete(key);
    }
  }

  /** A person's rollback intent: refused ones are logged and thrown as the API error. */
  private async ask(intent: Intent): Promise<void> {
    const events = await this.options.loop.require(intent, this.options.operator());
    this.emitChanges(events);
  }

  /** What the runner saw; null when `decide` did not accept it (the run moved on meanwhile). */
  private async observe(intent: Intent): Promise<ReleaseEvent[] | null> {
    const decision = await this.options.loop.handle(intent, this.options.operator());
    if (!decision.allowed) return null;
    this.emitChanges(decision.events);
    return decision.events;
  }

  /** Pushes each rollback change to the windows: this desk's, and (issue 15) those folded from the shared log. */
  emitChanges(events: readonly ReleaseEvent[]): void {
    for (const event of events) if (event.type === 'rollbackChanged') this.options.emit(this.viewOf(event.release, event.run));
    this.carryOutStops();
  }

  private release(releaseId: string) {
    const release = indexWorkspace(this.options.workspace).releases.get(releaseId);
    if (!release) throw new ApiFailure('not_found', `There is no release ${releaseId} in this workspace.`);
    return release;
  }

  private handover(releaseId: string, handoverId: string): Handover {
    const ho = this.release(releaseId).handovers.find((h) => h.id === handoverId);
    if (!ho) throw new ApiFailure('not_found', `There is no handover ${handoverId} in ${releaseId}.`);
    return ho;
  }

  private runOf(releaseId: string, handoverId: string): RollbackRecord {
    this.handover(releaseId, handoverId);
    const run = recordOf(this.options.loop.state, releaseId).rollbacks[handoverId];
    if (!run) throw new ApiFailure('not_found', `${handoverId} has no rollback in ${releaseId}.`);
    return run;
  }

  private viewOf(releaseId: string, run: RollbackRecord): RollbackRunView {
    const status = recordOf(this.options.loop.state, releaseId).handovers[run.handoverId]?.status ?? this.handover(releaseId, run.handoverId).status;
    const fixForward = recordOf(this.options.loop.state, releaseId).fixForwards[run.handoverId] ?? null;
    return rollbackRunView(run, this.handover(releaseId, run.handoverId), releaseId, status, this.recoveryMinutes, fixForward);
  }

  private get recoveryMinutes(): number {
    return this.options.workspace.recoveryMinutes ?? DEFAULT_RECOVERY_MINUTES;
  }
}

/**
 * Who the record says asked to stop `stepId` of a run, in their role as a step's Stop says it ("stopped by olu (on-call
 * PE)"), or null: a stop names its step, so one asked of an earlier step stops nothing now.
 */
function stoppingOf(run: { stopping: { stepId: string; by: string; role?: string } | null } | undefined, stepId: string): string | null {
  return run?.stopping?.stepId === stepId ? stopperWords(run.stopping) : null;
}
