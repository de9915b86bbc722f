import type { RollbackPlanView, RollbackRunView } from '../../shared/api/rollback';
import type { Clock } from '../../shared/clock';
import { neutraliseEscapes } from '../../shared/terminal/neutralise';
import { buildRollbackPlan } from '../../shared/rollback/plan';
import type { Handover, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import type { CommandRunner } from './command-runner';
import type { RollbackRecord, RollbackStepRecord } from './rollback-record';
import { incidentFilename, incidentMarkdown, outcomeLine, rollbackOutcomes, rollbackRunView } from './rollback-view';
import type { ReleaseService } from './service';
import type { ReleaseRecord } from './state';
import { liveRelease } from './view';

/** Output kept with a run's record for the evidence bundle; the whole transcript is on disk. */
const OUTPUT_TAIL_CHARS = 4_000;
/** Seed 002: the on-call engineer has rollback authority; a PE runs the rollout and may undo it. */
const ROLLBACK_ROLES = new Set(['on-call PE', 'on-call', 'PE']);

export interface RollbackServiceOptions {
  workspace: Workspace;
  clock: Clock;
  releases: ReleaseService;
  commands: CommandRunner;
  /** Pushes the run to every renderer (the release view is pushed by the release service's onChange). */
  emit: (run: RollbackRunView) => void;
  onChange: () => void;
  /** The demo's simulator recovers a region's metrics once its rollback is done; null for real metrics. */
  onRegionRolledBack: ((regionId: string) => void) | null;
}

/**
 * Issue 7: runs a handover's rollback plan region by region through the same command runner as the
 * rollout (each command visible in the region's terminal), persisting every step's outcome, stopping at
 * the first failure with retry, skip-with-reason and abort, and moving the HO along seed 000's failure path.
 */
export class RollbackService {
  /** Runs whose loop is going in this process, so a retry cannot start a second loop beside the first. */
  private readonly driving = new Set<string>();

  constructor(private readonly options: RollbackServiceOptions) {}

  preview(releaseId: string, handoverId: string): { plan: RollbackPlanView; run: RollbackRunView | null } {
    const { plan } = this.plan(releaseId, handoverId);
    return { plan, run: this.get(releaseId, handoverId) };
  }

  get(releaseId: string, handoverId: string): RollbackRunView | null {
    const run = this.options.releases.record(releaseId).rollbacks[handoverId];
    return run ? this.viewOf(releaseId, run) : null;
  }

  incident(releaseId: string, handoverId: string): { filename: string; mediaType: string; content: string } {
    const run = this.runOf(releaseId, handoverId);
    return { filename: incidentFilename(run), mediaType: 'text/markdown', content: incidentMarkdown(run, this.handover(releaseId, handoverId), releaseId) };
  }

  async start(releaseId: string, handoverId: string, confirm: string, reason?: string): Promise<RollbackRunView> {
    const { releases, clock } = this.options;
    await this.checkRole(releaseId, handoverId, 'startRollback');
    if (confirm !== handoverId) {
      await releases.audit({ kind: 'decision', release: releaseId, data: { intent: 'startRollback', rollback: handoverId, allowed: false, reason: 'confirmation did not match' } });
      throw new ApiFailure('blocked', `Type ${handoverId} exactly to confirm the rollback.`);
    }
    const existing = releases.record(releaseId).rollbacks[handoverId];
    if (existing && (existing.status === 'running' || existing.status === 'failed')) {
      throw new ApiFailure('conflict', `${handoverId}'s rollback is already under way (${existing.status}); retry, skip or abort it.`);
    }
    const { plan, record } = this.plan(releaseId, handoverId);
    if (!plan.canStart || !plan.path) {
      const reasons = plan.flags.map((f) => f.reason);
      await releases.audit({ kind: 'decision', release: releaseId, data: { intent: 'startRollback', rollback: handoverId, allowed: false, reasons } });
      throw new ApiFailure('blocked', `${handoverId} cannot be rolled back yet: ${reasons.join(' ')}`);
    }
    const trigger = this.triggerFor(releaseId, plan.regions.map((r) => r.regionId), handoverId);
    const run: RollbackRecord = {
      handoverId,
      status: 'running',
      path: plan.path,
      startedAt: clock.now(),
      startedBy: releases.operator,
      endedAt: null,
      reason: reason?.trim() || (trigger ? `${trigger.title} (${trigger.detail})` : 'Rolled back by hand; no breach alert was active.'),
      abortRequested: false,
      trigger,
      deployedAt: this.deployedAt(releaseId, record, handoverId, plan.regions.map((r) => r.regionId)),
      notes: plan.notes,
      steps: plan.regions.flatMap((region) => region.steps.map((step) => ({ ...step, environment: region.environment, state: 'pending' as const, exitCode: null, startedAt: null, endedAt: null, detail: null }))),
    };
    await releases.audit({
      kind: 'intent',
      release: releaseId,
      data: { intent: 'startRollback', rollback: handoverId, reason: run.reason, trigger: trigger?.alertId ?? null, regions: plan.regions.map((r) => r.regionId), steps: run.steps.map((s) => `${s.regionId}: ${s.argv.join(' ')}`) },
    });
    if (plan.handoverStatus !== plan.path.start && plan.handoverStatus !== plan.path.afterProduction) await releases.transitionHandover(releaseId, handoverId, plan.path.start);
    await this.save(releaseId, run);
    void this.drive(releaseId, handoverId);
    return this.viewOf(releaseId, run);
  }

  async retry(releaseId: string, handoverId: string): Promise<RollbackRunView> {
    await this.checkRole(releaseId, handoverId, 'retryRollback');
    const run = this.stopped(releaseId, handoverId, 'retried');
    const failed = run.steps.find((s) => s.state === 'failed');
    await this.options.releases.audit({ kind: 'intent', release: releaseId, region: failed?.regionId ?? null, data: { intent: 'retryRollback', rollback: handoverId, step: failed?.id ?? null, argv: failed?.argv ?? null } });
    await this.save(releaseId, { ...run, status: 'running', steps: run.steps.map((s) => (s === failed ? { ...s, state: 'pending', exitCode: null, detail: null } : s)) });
    void this.drive(releaseId, handoverId);
    return this.get(releaseId, handoverId)!;
  }

  async skip(releaseId: string, handoverId: string, stepId: string, reason: string): Promise<RollbackRunView> {
    await this.checkRole(releaseId, handoverId, 'skipRollbackStep');
    const run = this.stopped(releaseId, handoverId, 'skipped');
    const step = run.steps.find((s) => s.id === stepId);
    if (!step || step.state !== 'failed') throw new ApiFailure('conflict', `Only the step the rollback stopped on can be skipped${step ? `; ${step.title} is ${step.state}` : ''}.`);
    await this.options.releases.audit({ kind: 'intent', release: releaseId, region: step.regionId, data: { intent: 'skipRollbackStep', rollback: handoverId, step: step.id, argv: step.argv, reason } });
    await this.save(releaseId, { ...run, status: 'running', steps: run.steps.map((s) => (s === step ? { ...s, state: 'skipped', detail: reason } : s)) });
    void this.drive(releaseId, handoverId);
    return this.get(releaseId, handoverId)!;
  }

  async abort(releaseId: string, handoverId: string): Promise<RollbackRunView> {
    await this.checkRole(releaseId, handoverId, 'abortRollback');
    const run = this.runOf(releaseId, handoverId);
    if (run.status !== 'running' && run.status !== 'failed') throw new ApiFailure('conflict', `${handoverId}'s rollback has ended (${run.status}); there is nothing to abort.`);
    await this.options.releases.audit({ kind: 'intent', release: releaseId, data: { intent: 'abortRollback', rollback: handoverId, while: run.status } });
    if (run.status === 'failed') await this.finish(releaseId, { ...run, status: 'aborted', endedAt: this.options.clock.now() });
    else await this.save(releaseId, { ...run, abortRequested: true });
    return this.get(releaseId, handoverId)!;
  }

  /** At start: a step that was running when the console stopped is failed, never assumed done. */
  async markInterrupted(): Promise<void> {
    for (const releaseId of this.options.workspace.releases.map((r) => r.id)) {
      for (const run of Object.values(this.options.releases.record(releaseId).rollbacks)) {
        if (run.status !== 'running') continue;
        const detail = 'Interrupted: the console stopped while this ran. Check the region, then retry or skip.';
        await this.save(releaseId, { ...run, status: 'failed', steps: run.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed', detail } : s)) });
        await this.options.releases.audit({ kind: 'recovery', release: releaseId, data: { rollback: run.handoverId, interrupted: true } });
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
        if (run.abortRequested) return await this.finish(releaseId, { ...run, status: 'aborted', endedAt: this.options.clock.now() });
        const next = run.steps.find((s) => s.state === 'pending');
        if (!next) return await this.finish(releaseId, { ...run, status: 'done', endedAt: this.options.clock.now() });
        // Seed 000: production is rolled back first; the HO moves to the stage rollback before stage runs.
        if (next.environment === 'staging') await this.moveToStage(releaseId, run);
        if (!(await this.runStep(releaseId, handoverId, next))) return;
      }
    } catch (error) {
      console.error('release-console: the rollback loop failed:', error);
    } finally {
      this.driving.delete(key);
    }
  }

  /** Runs one step; false when the run stopped on it. */
  private async runStep(releaseId: string, handoverId: string, step: RollbackStepRecord): Promise<boolean> {
    const { releases, clock, commands } = this.options;
    await this.updateStep(releaseId, handoverId, step.id, { state: 'running', startedAt: clock.now(), endedAt: null, exitCode: null, detail: null });
    let result;
    try {
      result = await commands.run(step.regionId, step.argv, { commandId: step.commandId, releaseId });
    } catch (error) {
      const detail = `${step.argv.join(' ')} could not start: ${error instanceof Error ? error.message : String(error)}`;
      await releases.audit({ kind: 'command', release: releaseId, region: step.regionId, step: `rollback:${step.id}`, data: { rollback: handoverId, argv: step.argv, started: false, error: detail } });
      return this.stop(releaseId, handoverId, step.id, { state: 'failed', endedAt: clock.now(), detail });
    }
    const ok = result.exitCode === 0;
    const run = { commandId: step.commandId, argv: step.argv, regionId: step.regionId, exitCode: result.exitCode, startedAt: result.startedAt, endedAt: result.endedAt, transcriptFile: result.transcriptFile, outputTail: result.output.slice(-OUTPUT_TAIL_CHARS) };
    const runKey = `rollback-${handoverId}@${step.regionId}`;
    await releases.updateRecord(releaseId, (r) => ({ ...r, runs: { ...r.runs, [runKey]: [...(r.runs[runKey] ?? []), run] }, ...(ok ? effectOf(r, step) : {}) }));
    await releases.audit({ kind: 'command', release: releaseId, region: step.regionId, step: `rollback:${step.id}`, data: { rollback: handoverId, argv: step.argv, exitCode: result.exitCode, signal: result.signal, startedAt: result.startedAt, endedAt: result.endedAt, transcript: result.transcriptFile } });
    if (!ok) {
      const lastLine = neutraliseEscapes(result.output).trim().split('\n').at(-1) ?? '';
      const how = result.signal ? `killed by ${result.signal}` : `exited with ${result.exitCode}`;
      return this.stop(releaseId, handoverId, step.id, { state: 'failed', exitCode: result.exitCode, endedAt: result.endedAt, detail: `${how}${lastLine ? `: ${lastLine.slice(0, 300)}` : ''}` });
    }
    await this.updateStep(releaseId, handoverId, step.id, { state: 'done', exitCode: 0, endedAt: result.endedAt });
    const after = this.runOf(releaseId, handoverId);
    const region = after.steps.filter((s) => s.regionId === step.regionId);
    if (region.at(-1)?.id === step.id && region.every((s) => s.state === 'done')) {
      // The demo's simulated metrics recover once the region runs the old versions again.
      this.options.onRegionRolledBack?.(step.regionId);
      await releases.audit({ kind: 'decision', release: releaseId, region: step.regionId, data: { rollback: handoverId, regionRolledBack: step.regionId } });
    }
    return true;
  }

  private async stop(releaseId: string, handoverId: string, stepId: string, change: Partial<RollbackStepRecord>): Promise<false> {
    await this.updateStep(releaseId, handoverId, stepId, change, 'failed');
    const run = this.runOf(releaseId, handoverId);
    const { rolledBack, notRolledBack } = rollbackOutcomes(run);
    await this.options.releases.audit({
      kind: 'decision',
      release: releaseId,
      region: run.steps.find((s) => s.id === stepId)?.regionId ?? null,
      data: { rollback: handoverId, stopped: stepId, rolledBack: rolledBack.map(outcomeLine), notRolledBack: notRolledBack.map(outcomeLine) },
    });
    return false;
  }

  private async finish(releaseId: string, run: RollbackRecord): Promise<void> {
    const { releases } = this.options;
    if (run.status === 'done') {
      await this.moveToStage(releaseId, run);
      if (this.statusOf(releaseId, run.handoverId) !== run.path.end) await releases.transitionHandover(releaseId, run.handoverId, run.path.end);
    }
    await this.save(releaseId, run);
    const { rolledBack, notRolledBack } = rollbackOutcomes(run);
    await releases.audit({ kind: 'decision', release: releaseId, data: { rollback: run.handoverId, finished: run.status, rolledBack: rolledBack.map(outcomeLine), notRolledBack: notRolledBack.map(outcomeLine), handoverStatus: this.statusOf(releaseId, run.handoverId) } });
  }

  private async moveToStage(releaseId: string, run: RollbackRecord): Promise<void> {
    if (run.path.afterProduction && this.statusOf(releaseId, run.handoverId) === run.path.start) {
      await this.options.releases.transitionHandover(releaseId, run.handoverId, run.path.afterProduction);
    }
  }

  private async updateStep(releaseId: string, handoverId: string, stepId: string, change: Partial<RollbackStepRecord>, status?: RollbackRecord['status']): Promise<void> {
    const run = this.runOf(releaseId, handoverId);
    await this.save(releaseId, { ...run, ...(status ? { status } : {}), steps: run.steps.map((s) => (s.id === stepId ? { ...s, ...change } : s)) });
  }

  private async save(releaseId: string, run: RollbackRecord): Promise<void> {
    await this.options.releases.updateRecord(releaseId, (r) => ({ ...r, rollbacks: { ...r.rollbacks, [run.handoverId]: run } }));
    this.options.emit(this.viewOf(releaseId, run));
    this.options.onChange();
  }

  private plan(releaseId: string, handoverId: string): { plan: RollbackPlanView; record: ReleaseRecord } {
    const record = this.options.releases.record(releaseId);
    const release = liveRelease(this.options.releases.release(releaseId), record);
    this.handover(releaseId, handoverId);
    return { plan: buildRollbackPlan(this.options.workspace, release, record, handoverId), record };
  }

  private handover(releaseId: string, handoverId: string): Handover {
    const ho = this.options.releases.release(releaseId).handovers.find((h) => h.id === handoverId);
    if (!ho) throw new ApiFailure('not_found', `There is no handover ${handoverId} in ${releaseId}.`);
    return ho;
  }

  private statusOf(releaseId: string, handoverId: string): string {
    return this.options.releases.record(releaseId).handovers[handoverId]?.status ?? this.handover(releaseId, handoverId).status;
  }

  private runOf(releaseId: string, handoverId: string): RollbackRecord {
    this.handover(releaseId, handoverId);
    const run = this.options.releases.record(releaseId).rollbacks[handoverId];
    if (!run) throw new ApiFailure('not_found', `${handoverId} has no rollback in ${releaseId}.`);
    return run;
  }

  private stopped(releaseId: string, handoverId: string, verb: string): RollbackRecord {
    const run = this.runOf(releaseId, handoverId);
    if (run.status !== 'failed') throw new ApiFailure('conflict', `Only a rollback that stopped on a failure can be ${verb}; ${handoverId}'s is ${run.status}.`);
    return run;
  }

  private viewOf(releaseId: string, run: RollbackRecord): RollbackRunView {
    return rollbackRunView(run, this.handover(releaseId, run.handoverId), releaseId, this.statusOf(releaseId, run.handoverId));
  }

  private async checkRole(releaseId: string, handoverId: string, intent: string): Promise<void> {
    const { releases } = this.options;
    this.handover(releaseId, handoverId);
    if (ROLLBACK_ROLES.has(releases.operator.role)) return;
    await releases.audit({ kind: 'decision', release: releaseId, data: { intent, rollback: handoverId, allowed: false, reason: `role ${releases.operator.role}` } });
    throw new ApiFailure('blocked', `A rollback is run by the on-call engineer or a PE; ${releases.operator.name} is signed in as ${releases.operator.role}.`);
  }

  /** The earliest critical breach in a region the HO reached: what the incident record says was detected. */
  private triggerFor(releaseId: string, regionIds: string[], handoverId: string): RollbackRecord['trigger'] {
    const view = this.options.releases.view(releaseId);
    const breaches = view.alerts
      .filter((a) => a.id.startsWith('metrics:') && (a.actions.some((action) => action.handoverId === handoverId) || (a.regionId !== null && regionIds.includes(a.regionId))))
      .sort((a, b) => (a.severity === b.severity ? a.at - b.at : a.severity === 'critical' ? -1 : 1));
    const alert = breaches[0];
    return alert ? { alertId: alert.id, regionId: alert.regionId, title: alert.title, detail: alert.detail, at: alert.at } : null;
  }

  /** When the last successful deploy of one of the HO's packages to a region it reached finished. */
  private deployedAt(releaseId: string, record: ReleaseRecord, handoverId: string, regionIds: string[]): number | null {
    const index = indexWorkspace(this.options.workspace);
    const names = new Set(this.handover(releaseId, handoverId).packages.map((p) => p.name));
    const ends = Object.values(record.runs)
      .flat()
      .filter((r) => r.exitCode === 0 && r.regionId !== null && regionIds.includes(r.regionId) && index.commands.get(r.commandId)?.purpose === 'deploy' && r.argv.some((a) => names.has(a)))
      .map((r) => r.endedAt);
    return ends.length ? Math.max(...ends) : null;
  }
}

/** What a successful rollback step leaves: maintenance mode, or the version (or absence) now running. */
function effectOf(record: ReleaseRecord, step: RollbackStepRecord): Partial<ReleaseRecord> {
  if (step.kind === 'maintenance-on' || step.kind === 'maintenance-off') return { maintenance: { ...record.maintenance, [step.regionId]: step.kind === 'maintenance-on' } };
  if (step.package === null || (step.kind !== 'rollback' && step.kind !== 'remove')) return {};
  const { [step.package]: _was, ...rest } = record.deployed[step.regionId] ?? {};
  return { deployed: { ...record.deployed, [step.regionId]: step.kind === 'remove' || step.toVersion === null ? rest : { ...rest, [step.package]: step.toVersion } } };
}
