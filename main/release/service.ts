import type { Actor, QaItemView, ReleaseView, StepView } from '../../shared/api';
import { systemClock, type Clock } from '../../shared/clock';
import type { EngineState } from '../../shared/engine/decide';
import { recordOf } from '../../shared/engine/fold';
import type { Intent } from '../../shared/engine/intents';
import { instanceKey, instanceOf } from '../../shared/engine/progress';
import { qaItemsOf } from '../../shared/engine/qa';
import type { ReleaseRecord } from '../../shared/engine/state';
import type { Release, Workspace } from '../../shared/workspace/workspace';
import { indexWorkspace, stepOfRelease } from '../../shared/workspace/workspace';
import { actorWords } from '../../shared/words';
import { ApiFailure } from '../host/failure';
import type { IntentLoop } from './loop';
import type { StepRunner } from './step-runner';
import { buildHandoverView, buildReleaseView, buildStepView, type ViewInput } from './view';
import type { RegionReconcileView } from '../../shared/api';

export interface StepRef {
  releaseId: string;
  stepId: string;
  regionId: string | null;
}

export interface ReleaseServiceOptions {
  workspace: Workspace;
  clock: Clock;
  loop: IntentLoop;
  steps: StepRunner;
  defaultOperator: Actor;
  storageWarnings: string[];
  /** The operator of the window whose intent is being handled; the last one set when none is. */
  actingOperator?: () => Actor | undefined;
  /** Whether windows choose simulated personas (a rehearsal, the demo); otherwise the desk's AWS identity acts. Main's fact, handed to decide. */
  personas?: boolean;
  /** Each region's last reconcile, for its tile (set once the reconciler exists). */
  reconcile?: (regionId: string) => RegionReconcileView;
  /** The wall clock a command's time limit runs on (the system clock); `clock` is a rehearsal's when one runs. */
  wallClock?: Clock;
}

/** Runs remembered for their wall-clock start: far more than run at once, so a running one is never dropped. */
const RUNS_REMEMBERED = 256;

/**
 * The release API over the intent loop: each call becomes an intent, `decide` answers it, its events are
 * appended before anything is applied, and only then does a step's work start (step-runner.ts). Nothing
 * here decides a rule; a refusal comes back as the API error its code names.
 */
export class ReleaseService {
  private readonly index;
  /** Each step run's wall-clock start, by release, step instance and console-clock start, as this console first saw it. */
  private readonly runStarts = new Map<string, number>();

  constructor(private readonly options: ReleaseServiceOptions) {
    this.index = indexWorkspace(options.workspace);
  }

  get operator(): Actor {
    return this.options.actingOperator?.() ?? this.options.loop.state.operator ?? this.options.defaultOperator;
  }

  engineState(): EngineState {
    return this.options.loop.engineState();
  }

  selectedReleaseId(): string {
    const chosen = this.options.loop.state.selectedRelease;
    const { workspace } = this.options;
    if (chosen && this.index.releases.has(chosen)) return chosen;
    return workspace.defaultRelease && this.index.releases.has(workspace.defaultRelease) ? workspace.defaultRelease : (workspace.releases[0]?.id ?? '');
  }

  /** The view of one release as one operator sees it (each window has its own; an export is of one release): built here and nowhere else. */
  view(releaseId: string = this.selectedReleaseId(), operator: Actor = this.operator): ReleaseView {
    return buildReleaseView(
      this.viewInput(releaseId, operator),
      this.options.workspace.releases.map((r) => ({ id: r.id, title: r.title, type: r.type, typeTitle: this.index.releaseTypes.get(r.type)?.title ?? r.type })),
    );
  }

  /**
   * Issue 19: a release the workspace no longer defines, read from its logged definition for History. The
   * same view as a defined release's; no intent reaches it, since `release(id)` still refuses its id.
   */
  definitionView(definition: Release, operator: Actor = this.operator): ReleaseView {
    return buildReleaseView(
      this.inputFor(definition, operator),
      this.options.workspace.releases.map((r) => ({ id: r.id, title: r.title, type: r.type, typeTitle: this.index.releaseTypes.get(r.type)?.title ?? r.type })),
    );
  }

  private viewInput(releaseId: string, operator: Actor): ViewInput {
    return this.inputFor(this.release(releaseId), operator);
  }

  private inputFor(release: Release, operator: Actor): ViewInput {
    return {
      workspace: this.options.workspace,
      release,
      state: this.engineState(),
      now: this.options.clock.now(),
      operator,
      storageWarnings: this.options.storageWarnings,
      reconcile: this.options.reconcile,
      runningSince: (releaseId, stepKey, startedAt) => this.runningSince(releaseId, stepKey, startedAt),
    };
  }

  /**
   * When a running step's run started on the wall clock, the one its command's time limit runs on (setTimeout in
   * the terminal service). Seen first by the view pushed as its start is logged: then the console clock has not
   * moved since, and on the system clock the time since its start is the wall clock's anyway.
   */
  private runningSince(releaseId: string, stepKey: string, startedAt: number): number {
    const key = `${releaseId}/${stepKey}@${startedAt}`;
    let since = this.runStarts.get(key);
    if (since === undefined) {
      since = (this.options.wallClock ?? systemClock()).now() - Math.max(0, this.options.clock.now() - startedAt);
      this.runStarts.set(key, since);
      if (this.runStarts.size > RUNS_REMEMBERED) this.runStarts.delete(this.runStarts.keys().next().value!);
    }
    return since;
  }

  /** Asks `decide` as the operator; throws the refusal as an API error. */
  require(intent: Intent) {
    return this.options.loop.require(intent, this.operator);
  }

  /** Kept as the release the next window opens on; the calling window's own choice is its session's. */
  async selectRelease(releaseId: string): Promise<void> {
    await this.require({ kind: 'selectRelease', release: releaseId });
  }

  async setOperator(operator: Actor): Promise<void> {
    const personas = this.options.personas ?? true;
    await this.require({ kind: 'setOperator', operator: personas ? { ...operator, persona: true } : operator, personas });
  }

  /** Starts a step: logged first, then its commands run, its baseline is captured, or its watch begins. */
  async startStep(ref: StepRef): Promise<StepView> {
    const release = this.release(ref.releaseId);
    await this.require({ kind: 'startStep', ...address(ref) });
    await this.options.steps.afterStart(ref, release, this.operator);
    return this.stepView(ref);
  }

  /** Issue 17: retakes a done baseline step's baseline: decided and logged (with the one it replaces), then captured. */
  async retakeBaseline(ref: StepRef): Promise<StepView> {
    const release = this.release(ref.releaseId);
    await this.require({ kind: 'retakeBaseline', ...address(ref) });
    await this.options.steps.afterStart(ref, release, this.operator);
    return this.stepView(ref);
  }

  /** Stops a running command step: the stop is decided and logged first, then its terminal session is stopped. */
  async stopStep(ref: StepRef): Promise<StepView> {
    await this.require({ kind: 'stopStep', ...address(ref) });
    // The stop escalates over up to 10 s; the step's exit arrives as a view push, so the call does not wait for it.
    void this.options.steps.stop(ref, actorWords(this.operator)).catch((error: unknown) => console.error('release-console: a step could not be stopped:', error));
    return this.stepView(ref);
  }

  /** Issue 15: an expired lease is taken over only on purpose, with a reason, decided and logged like any intent. */
  async takeOverLease(regionId: string, reason: string): Promise<{ regionId: string }> {
    await this.require({ kind: 'takeOverLease', region: regionId, reason });
    return { regionId };
  }

  async completeStep(ref: StepRef, outcome: 'done' | 'failed', note?: string): Promise<StepView> {
    await this.require({ kind: 'completeStep', ...address(ref), outcome, note });
    return this.stepView(ref);
  }

  async approveStep(ref: StepRef): Promise<StepView> {
    await this.require({ kind: 'approveStep', ...address(ref) });
    return this.stepView(ref);
  }

  async overrideStep(ref: StepRef, reason: string, approvers: Actor[]): Promise<StepView> {
    await this.require({ kind: 'overrideStep', ...address(ref), reason, approvers, personas: this.options.personas ?? true });
    return this.stepView(ref);
  }

  async approveOverride(ref: StepRef): Promise<StepView> {
    await this.require({ kind: 'approveOverride', ...address(ref) });
    return this.stepView(ref);
  }

  async tickQa(releaseId: string, itemId: string, outcome: 'pass' | 'fail' | 'open', note?: string, link?: string): Promise<QaItemView> {
    await this.require({ kind: 'tickQaItem', release: releaseId, itemId, outcome, note, link });
    return qaItemsOf(this.options.workspace, this.release(releaseId), this.record(releaseId)).find((i) => i.id === itemId)!;
  }

  async transitionHandover(releaseId: string, handoverId: string, to: string) {
    await this.require({ kind: 'transitionHandover', release: releaseId, handover: handoverId, to });
    return buildHandoverView(this.viewInput(releaseId, this.operator), handoverId)!;
  }

  /** Metric gates finish by themselves: after every metrics poll and clock move, each watching gate is offered to `decide`. */
  async advanceMetricGates(): Promise<void> {
    for (const [releaseId, record] of Object.entries(this.options.loop.state.releases)) {
      if (!this.index.releases.has(releaseId)) continue;
      for (const [key, step] of Object.entries(record.steps)) {
        if (step.status !== 'running') continue;
        const ref = refOf(releaseId, key);
        if (this.stepKind(releaseId, ref.stepId) !== 'metricGate') continue;
        await this.options.loop.handle({ kind: 'gateHeld', ...address(ref) }, this.operator);
      }
    }
  }

  /** At start: a command that was running when the console stopped is shown as interrupted, never as succeeded. */
  async markInterrupted(): Promise<number> {
    let count = 0;
    for (const [releaseId, record] of Object.entries(this.options.loop.state.releases)) {
      for (const [key, step] of Object.entries(record.steps)) {
        if (step.status !== 'running') continue;
        const decision = await this.options.loop.handle({ kind: 'interrupted', ...address(refOf(releaseId, key)) }, { name: 'release-console', role: 'system' });
        if (decision.allowed) count++;
      }
    }
    return count;
  }

  record(releaseId: string): ReleaseRecord {
    return recordOf(this.options.loop.state, releaseId);
  }

  release(releaseId: string): Release {
    const release = this.index.releases.get(releaseId);
    if (!release) throw new ApiFailure('not_found', `There is no release ${releaseId} in this workspace.`);
    return release;
  }

  /** An intent's reply: the one step, not the whole view (the window's push carries the rest). */
  stepView(ref: StepRef): StepView {
    const key = instanceKey(ref.stepId, ref.regionId);
    const found = buildStepView(this.viewInput(ref.releaseId, this.operator), key);
    if (!found) throw new ApiFailure('not_found', `There is no step ${key} in ${ref.releaseId}.`);
    return found;
  }

  private stepKind(releaseId: string, stepId: string): string | undefined {
    return stepOfRelease(this.options.workspace, releaseId, stepId)?.kind;
  }
}

export function address(ref: StepRef) {
  return { release: ref.releaseId, step: ref.stepId, region: ref.regionId };
}

/** `${stepId}@${region}` back into its parts (`*`: no region). */
function refOf(releaseId: string, key: string): StepRef {
  const { stepId, region } = instanceOf(key);
  return { releaseId, stepId, regionId: region };
}
