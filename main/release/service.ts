import type { Actor, QaItemView, ReleaseView, StepView } from '../../shared/api';
import { computeStepState, evaluateStepInstance } from '../../shared/engine/stepStates';
import { checkApprover } from '../../shared/engine/approval';
import { checkOverride } from '../../shared/engine/override';
import { instanceKey } from '../../shared/engine/progress';
import { transition } from '../../shared/handover/status';
import { stepCommands, type StepRun } from '../../shared/release/stepCommands';
import type { Clock } from '../../shared/clock';
import type { CommandTemplate, HandoverStatus, Release, Step, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import type { AuditLog } from '../storage/audit-log';
import type { AuditEntryInput } from '../storage/audit-entry';
import type { StateStore } from '../storage/state-store';
import { openQaItemsOfStep, qaItemsOf } from './qa';
import { emptyReleaseRecord, type ConsoleStateFile, type ReleaseRecord } from './state';
import { buildReleaseView, liveRelease, progressOf, type MetricsFacts } from './view';
import type { CommandRunner } from './command-runner';

/** Output kept with a step's record for the evidence bundle; the whole transcript is on disk. */
const OUTPUT_TAIL_CHARS = 4_000;

export interface StepRef {
  releaseId: string;
  stepId: string;
  regionId: string | null;
}

export interface ReleaseServiceOptions {
  workspace: Workspace;
  clock: Clock;
  store: StateStore<ConsoleStateFile>;
  audit: AuditLog;
  commands: CommandRunner;
  metrics: MetricsFacts & { captureBaseline(regionIds: string[]): { baselines: ReleaseRecord['baselines']; missing: { regionId: string; metricId: string }[] } };
  defaultOperator: Actor;
  storageWarnings: string[];
  /** Called whenever the view may have changed, so the host pushes it. */
  onChange: () => void;
}

/**
 * Main's truth for every release: each intent from a renderer is checked against shared/'s rules here
 * (a blocked step cannot be forced by any client), written to the audit log, applied, persisted, and
 * the new view pushed.
 */
export class ReleaseService {
  private readonly index;
  private readonly starting = new Set<string>();

  constructor(private readonly options: ReleaseServiceOptions) {
    this.index = indexWorkspace(options.workspace);
  }

  get operator(): Actor {
    return this.options.store.state.operator ?? this.options.defaultOperator;
  }

  selectedReleaseId(): string {
    const chosen = this.options.store.state.selectedRelease;
    const { workspace } = this.options;
    if (chosen && this.index.releases.has(chosen)) return chosen;
    return workspace.defaultRelease && this.index.releases.has(workspace.defaultRelease) ? workspace.defaultRelease : (workspace.releases[0]?.id ?? '');
  }

  view(): ReleaseView {
    const releaseId = this.selectedReleaseId();
    const release = this.release(releaseId);
    return buildReleaseView(
      {
        workspace: this.options.workspace,
        release,
        record: this.record(releaseId),
        now: this.options.clock.now(),
        operator: this.operator,
        metrics: this.options.metrics,
        storageWarnings: this.options.storageWarnings,
      },
      this.options.workspace.releases.map((r) => ({ id: r.id, title: r.title, type: r.type, typeTitle: this.index.releaseTypes.get(r.type)?.title ?? r.type })),
    );
  }

  async selectRelease(releaseId: string): Promise<ReleaseView> {
    this.release(releaseId);
    await this.options.store.update((state) => ({ ...state, selectedRelease: releaseId }));
    await this.audit({ kind: 'intent', release: releaseId, data: { intent: 'selectRelease' } });
    this.options.onChange();
    return this.view();
  }

  async setOperator(operator: Actor): Promise<ReleaseView> {
    const before = this.operator;
    await this.options.store.update((state) => ({ ...state, operator }));
    await this.audit({ kind: 'session', data: { intent: 'setOperator', from: before, to: operator } });
    this.options.onChange();
    return this.view();
  }

  /** Starts a step: runs its commands, captures its baseline, begins a metric gate's watch. */
  async startStep(ref: StepRef): Promise<StepView> {
    // Checked and claimed before the first await: two clicks (or two windows) cannot both start a step.
    const claim = `${ref.releaseId}/${instanceKey(ref.stepId, ref.regionId)}`;
    if (this.starting.has(claim)) throw new ApiFailure('conflict', 'This step is being started already.');
    this.starting.add(claim);
    try {
      return await this.startClaimedStep(ref);
    } finally {
      this.starting.delete(claim);
    }
  }

  private async startClaimedStep(ref: StepRef): Promise<StepView> {
    const { step, release } = this.locate(ref);
    const record = this.record(ref.releaseId);
    const key = instanceKey(ref.stepId, ref.regionId);
    const retry = record.steps[key]?.status === 'failed';
    const state = this.stateIgnoringFailure(release, record, ref, retry);
    if (state?.status === 'running') throw new ApiFailure('conflict', `"${step.title}" is already running.`);
    if (state?.status === 'done') throw new ApiFailure('conflict', `"${step.title}" is already done.`);
    if (state?.status !== 'ready') {
      const reasons = state?.status === 'blocked' ? state.reasons : ['the step is not ready'];
      await this.audit({ kind: 'decision', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { intent: 'startStep', allowed: false, reasons } });
      throw new ApiFailure('blocked', `"${step.title}"${ref.regionId ? ` in ${ref.regionId}` : ''} is blocked: ${reasons.join(' ')}`);
    }
    await this.audit({ kind: 'intent', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { intent: retry ? 'retryStep' : 'startStep', kind: step.kind } });
    switch (step.kind) {
      case 'command':
        return this.runCommandStep(ref, release, step);
      case 'baseline':
        return this.captureBaseline(ref, step);
      case 'metricGate':
        await this.setStep(ref, { status: 'running' });
        return this.stepView(ref);
      case 'manual':
        await this.setStep(ref, { status: 'running' });
        return this.stepView(ref);
      default:
        throw new ApiFailure('conflict', `"${step.title}" is a ${step.kind} step; it is not started by hand.`);
    }
  }

  async completeStep(ref: StepRef, outcome: 'done' | 'failed', note?: string): Promise<StepView> {
    const { step, release } = this.locate(ref);
    if (step.kind !== 'manual') throw new ApiFailure('conflict', `"${step.title}" finishes by itself (${step.kind}); it cannot be marked by hand.`);
    const record = this.record(ref.releaseId);
    const state = this.stateIgnoringFailure(release, record, ref, record.steps[instanceKey(ref.stepId, ref.regionId)]?.status === 'failed');
    if (state?.status === 'done') throw new ApiFailure('conflict', `"${step.title}" is already done.`);
    if (state?.status === 'blocked') {
      await this.audit({ kind: 'decision', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { intent: 'completeStep', allowed: false, reasons: state.reasons } });
      throw new ApiFailure('blocked', `"${step.title}" is blocked: ${state.reasons.join(' ')}`);
    }
    if (outcome === 'done') {
      const open = openQaItemsOfStep(qaItemsOf(this.options.workspace, liveRelease(release, record), record), step.id);
      if (open.length) throw new ApiFailure('blocked', `"${step.title}" needs its QA checklist passed first: ${open.map((i) => i.title).join(', ')}.`);
    }
    await this.setStep(ref, { status: outcome, ...(note ? { note } : {}) });
    await this.audit({ kind: 'tick', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { outcome, note: note ?? null } });
    this.options.onChange();
    return this.stepView(ref);
  }

  async approveStep(ref: StepRef): Promise<StepView> {
    const { step, release } = this.locate(ref);
    if (step.kind !== 'approval') throw new ApiFailure('conflict', `"${step.title}" is not an approval.`);
    const record = this.record(ref.releaseId);
    const state = computeStepState({ workspace: this.options.workspace, release: liveRelease(release, record), progress: progressOf(record), now: this.options.clock.now() }, ref.stepId, ref.regionId);
    if (state?.status === 'done') throw new ApiFailure('conflict', `"${step.title}" is already approved.`);
    if (state?.status === 'blocked') throw new ApiFailure('blocked', `"${step.title}" is blocked: ${state.reasons.join(' ')}`);
    const approver = { ...this.operator, at: this.options.clock.now() };
    const check = checkApprover(step, approver, ref.regionId, progressOf(record), (id) => this.stepDefinition(ref.releaseId, id)?.title);
    if (!check.ok) {
      await this.audit({ kind: 'decision', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { intent: 'approveStep', allowed: false, reason: check.error } });
      throw new ApiFailure('blocked', check.error);
    }
    const key = instanceKey(ref.stepId, ref.regionId);
    await this.updateRecord(ref.releaseId, (r) => ({ ...r, approvals: { ...r.approvals, [key]: [...(r.approvals[key] ?? []), approver] } }));
    await this.audit({ kind: 'approval', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { approver: approver.name, role: approver.role } });
    this.options.onChange();
    return this.stepView(ref);
  }

  async overrideStep(ref: StepRef, reason: string, approvers: Actor[]): Promise<StepView> {
    const { release } = this.locate(ref);
    const record = this.record(ref.releaseId);
    const input = { workspace: this.options.workspace, release: liveRelease(release, record), progress: progressOf(record), now: this.options.clock.now() };
    const evaluation = evaluateStepInstance(input, ref.stepId, ref.regionId);
    if (!evaluation) throw new ApiFailure('not_found', `There is no step ${ref.stepId}${ref.regionId ? ` in ${ref.regionId}` : ''}.`);
    const check = checkOverride(evaluation, { stepId: ref.stepId, region: ref.regionId, reason, approvers, by: this.operator.name }, input.now);
    if (!check.ok) {
      await this.audit({ kind: 'decision', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { intent: 'overrideStep', allowed: false, reason: check.error } });
      throw new ApiFailure('blocked', check.error);
    }
    await this.updateRecord(ref.releaseId, (r) => ({ ...r, overrides: [...r.overrides.filter((o) => !(o.stepId === ref.stepId && o.region === ref.regionId)), check.record] }));
    await this.audit({ kind: 'override', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { reason: check.record.reason, approvers, required: check.record.required, blockedBy: evaluation.allowed ? [] : evaluation.reasons } });
    this.options.onChange();
    return this.stepView(ref);
  }

  async tickQa(releaseId: string, itemId: string, outcome: 'pass' | 'fail' | 'open', note?: string, link?: string): Promise<QaItemView> {
    const release = this.release(releaseId);
    const items = qaItemsOf(this.options.workspace, release, this.record(releaseId));
    if (!items.some((i) => i.id === itemId)) throw new ApiFailure('not_found', `There is no QA item ${itemId} in ${releaseId}.`);
    if (link && !/^https?:\/\//i.test(link)) throw new ApiFailure('invalid_request', 'An evidence link must start with http:// or https://.');
    const tick = { outcome, by: this.operator, at: this.options.clock.now(), ...(note ? { note } : {}), ...(link ? { link } : {}) };
    await this.updateRecord(releaseId, (r) => ({ ...r, qa: { ...r.qa, [itemId]: tick } }));
    await this.audit({ kind: 'tick', release: releaseId, data: { qaItem: itemId, outcome, note: note ?? null, link: link ?? null } });
    this.options.onChange();
    return qaItemsOf(this.options.workspace, release, this.record(releaseId)).find((i) => i.id === itemId)!;
  }

  async transitionHandover(releaseId: string, handoverId: string, to: string) {
    const release = liveRelease(this.release(releaseId), this.record(releaseId));
    const ho = release.handovers.find((h) => h.id === handoverId);
    if (!ho) throw new ApiFailure('not_found', `There is no handover ${handoverId} in ${releaseId}.`);
    const history = this.record(releaseId).handovers[handoverId]?.history ?? [];
    const moved = transition({ id: ho.id, status: ho.status, history }, to as HandoverStatus);
    if (!moved.ok) {
      await this.audit({ kind: 'decision', release: releaseId, data: { intent: 'transitionHandover', handover: handoverId, to, allowed: false, reason: moved.error } });
      throw new ApiFailure('blocked', moved.error);
    }
    await this.updateRecord(releaseId, (r) => ({ ...r, handovers: { ...r.handovers, [handoverId]: { status: moved.handover.status, history: [...(moved.handover.history ?? [])] } } }));
    await this.audit({ kind: 'transition', release: releaseId, data: { handover: handoverId, from: ho.status, to } });
    this.options.onChange();
    return this.view().handovers.find((h) => h.id === handoverId)!;
  }

  /** Metric gates finish by themselves: called after every metrics poll and clock move. */
  async advanceMetricGates(): Promise<void> {
    const releaseId = this.selectedReleaseId();
    const view = this.view();
    for (const step of view.gates.flatMap((g) => g.steps)) {
      if (step.kind !== 'metricGate' || step.state !== 'running' || !step.gate) continue;
      if (step.gate.healthyMinutes >= step.gate.requiredMinutes) {
        await this.setStep({ releaseId, stepId: step.stepId, regionId: step.regionId }, { status: 'done' });
        await this.audit({ kind: 'decision', release: releaseId, region: step.regionId, step: step.stepId, data: { metricGate: 'passed', minutes: step.gate.requiredMinutes } });
      }
    }
  }

  /** At start: a command that was running when the console stopped is shown as interrupted, never as succeeded. */
  async markInterrupted(): Promise<number> {
    let count = 0;
    for (const [releaseId, record] of Object.entries(this.options.store.state.releases)) {
      for (const [key, step] of Object.entries(record.steps)) {
        if (step.status !== 'running') continue;
        const stepId = key.slice(0, key.lastIndexOf('@'));
        const regionPart = key.slice(key.lastIndexOf('@') + 1);
        const kind = this.stepDefinition(releaseId, stepId)?.kind;
        if (kind !== 'command' && kind !== 'baseline') continue;
        count++;
        await this.updateRecord(releaseId, (r) => ({ ...r, steps: { ...r.steps, [key]: { ...step, status: 'failed', interrupted: true, note: 'Interrupted: the console stopped while this command ran. Check the region before retrying.', at: this.options.clock.now() } } }));
        await this.audit({ kind: 'recovery', release: releaseId, region: regionPart === '*' ? null : regionPart, step: stepId, data: { interrupted: true } });
      }
    }
    return count;
  }

  record(releaseId: string): ReleaseRecord {
    return ownRecord(this.options.store.state.releases, releaseId);
  }

  release(releaseId: string): Release {
    const release = this.index.releases.get(releaseId);
    if (!release) throw new ApiFailure('not_found', `There is no release ${releaseId} in this workspace.`);
    return release;
  }

  async audit(entry: Omit<AuditEntryInput, 'actor' | 'role'>): Promise<void> {
    await this.options.audit.append({ actor: this.operator.name, role: this.operator.role, ...entry });
  }

  async updateRecord(releaseId: string, change: (record: ReleaseRecord) => ReleaseRecord): Promise<void> {
    await this.options.store.update((state) => ({ ...state, releases: { ...state.releases, [releaseId]: change(ownRecord(state.releases, releaseId)) } }));
  }

  private stepDefinition(releaseId: string, stepId: string): Step | undefined {
    const release = this.index.releases.get(releaseId);
    const runbook = release ? this.index.runbooks.get(release.runbook) : undefined;
    return runbook?.gates.flatMap((g) => g.steps).find((s) => s.id === stepId);
  }

  private locate(ref: StepRef): { step: Step; release: Release } {
    const release = this.release(ref.releaseId);
    const step = this.stepDefinition(ref.releaseId, ref.stepId);
    if (!step) throw new ApiFailure('not_found', `There is no step ${ref.stepId} in ${ref.releaseId}.`);
    if (ref.regionId !== null && !this.index.regions.has(ref.regionId)) throw new ApiFailure('not_found', `There is no region ${ref.regionId}.`);
    return { step, release };
  }

  /** A failed step may be retried when the rules would let it start afresh. */
  private stateIgnoringFailure(release: Release, record: ReleaseRecord, ref: StepRef, retry: boolean) {
    const key = instanceKey(ref.stepId, ref.regionId);
    const progress = progressOf(record);
    if (retry) {
      const { [key]: _failed, ...steps } = progress.steps;
      progress.steps = steps;
    }
    return computeStepState({ workspace: this.options.workspace, release: liveRelease(release, record), progress, now: this.options.clock.now() }, ref.stepId, ref.regionId);
  }

  async setStep(ref: StepRef, change: { status: 'running' | 'done' | 'failed'; note?: string; exitCode?: number }): Promise<void> {
    const key = instanceKey(ref.stepId, ref.regionId);
    const operator = this.operator;
    await this.updateRecord(ref.releaseId, (r) => ({ ...r, steps: { ...r.steps, [key]: { ...change, at: this.options.clock.now(), by: operator.name, role: operator.role } } }));
  }

  stepView(ref: StepRef): StepView {
    const key = instanceKey(ref.stepId, ref.regionId);
    const view = this.view();
    const found = view.gates.flatMap((g) => g.steps).find((s) => s.key === key);
    if (!found) throw new ApiFailure('not_found', `There is no step ${key} in the open release.`);
    return found;
  }

  private async captureBaseline(ref: StepRef, step: Step): Promise<StepView> {
    const regions = ref.regionId ? [ref.regionId] : (step.regions?.ids === 'all' ? this.options.workspace.regions.map((r) => r.id) : (step.regions?.ids ?? []));
    const captured = this.options.metrics.captureBaseline(regions);
    if (captured.baselines.length === 0) {
      const note = `No baseline could be captured: no data for ${captured.missing.map((m) => `${m.regionId}/${m.metricId}`).join(', ') || 'any metric'}.`;
      await this.setStep(ref, { status: 'failed', note });
      await this.audit({ kind: 'baseline', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { captured: 0, missing: captured.missing } });
      this.options.onChange();
      return this.stepView(ref);
    }
    await this.updateRecord(ref.releaseId, (r) => ({
      ...r,
      baselines: [...r.baselines.filter((b) => !captured.baselines.some((c) => c.regionId === b.regionId && c.metricId === b.metricId)), ...captured.baselines],
    }));
    await this.setStep(ref, { status: 'done' });
    await this.audit({ kind: 'baseline', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { baselines: captured.baselines, missing: captured.missing } });
    this.options.onChange();
    return this.stepView(ref);
  }

  private async runCommandStep(ref: StepRef, release: Release, step: Step): Promise<StepView> {
    const record = this.record(ref.releaseId);
    const commands = stepCommands(this.options.workspace, liveRelease(release, record), step, ref.regionId);
    if (!commands.ok) throw new ApiFailure('invalid_request', commands.error);
    await this.setStep(ref, { status: 'running' });
    this.options.onChange();
    // The run goes on after the call returns: the renderer watches it in the region's terminal.
    void this.runCommands(ref, commands.commandId, commands.runs).catch((error: unknown) => console.error('release-console: command step failed to run:', error));
    return this.stepView(ref);
  }

  private async runCommands(ref: StepRef, commandId: string, runs: StepRun[]): Promise<void> {
    const template = this.index.commands.get(commandId);
    for (const { argv, values } of runs) {
      let result;
      try {
        result = await this.options.commands.run(ref.regionId, argv, { commandId, releaseId: ref.releaseId });
      } catch (error) {
        const note = `${argv.join(' ')} could not start: ${error instanceof Error ? error.message : String(error)}`;
        await this.setStep(ref, { status: 'failed', note });
        await this.audit({ kind: 'command', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { argv, started: false, error: note } });
        this.options.onChange();
        return;
      }
      const run = { commandId, argv, regionId: ref.regionId, exitCode: result.exitCode, startedAt: result.startedAt, endedAt: result.endedAt, transcriptFile: result.transcriptFile, outputTail: result.output.slice(-OUTPUT_TAIL_CHARS) };
      const key = instanceKey(ref.stepId, ref.regionId);
      await this.updateRecord(ref.releaseId, (r) => ({ ...r, runs: { ...r.runs, [key]: [...(r.runs[key] ?? []), run] }, ...effectsOf(r, template?.effect, values, ref.regionId, result.exitCode) }));
      await this.audit({ kind: 'command', release: ref.releaseId, region: ref.regionId, step: ref.stepId, data: { argv, exitCode: result.exitCode, signal: result.signal, startedAt: result.startedAt, endedAt: result.endedAt, transcript: result.transcriptFile } });
      if (result.exitCode !== 0) {
        const how = result.signal ? `was killed by ${result.signal} (exit ${result.exitCode})` : `exited with ${result.exitCode}`;
        await this.setStep(ref, { status: 'failed', note: `${argv.join(' ')} ${how}.`, exitCode: result.exitCode });
        this.options.onChange();
        return;
      }
    }
    await this.setStep(ref, { status: 'done', exitCode: 0 });
    this.options.onChange();
  }
}

/**
 * What a successful command changed in a region, as the workspace declares it: seed 000's maintenance
 * mode (traffic to the sibling) and the package version a deploy or rollback leaves running.
 */
function effectsOf(record: ReleaseRecord, effect: CommandTemplate['effect'], values: StepRun['values'], regionId: string | null, exitCode: number): Partial<ReleaseRecord> {
  if (exitCode !== 0 || regionId === null || effect === undefined) return {};
  if (effect === 'maintenance-on' || effect === 'maintenance-off') return { maintenance: { ...record.maintenance, [regionId]: effect === 'maintenance-on' } };
  const { package: pkg, version } = values;
  if (!pkg || !version) return {};
  return { deployed: { ...record.deployed, [regionId]: { ...(record.deployed[regionId] ?? {}), [pkg]: version } } };
}

/** A release id comes from the caller: "__proto__" or "constructor" must find no record, not Object's. */
function ownRecord(releases: Record<string, ReleaseRecord>, releaseId: string): ReleaseRecord {
  return Object.hasOwn(releases, releaseId) ? releases[releaseId]! : emptyReleaseRecord();
}
