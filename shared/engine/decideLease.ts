import { buildRollbackPlan } from '../rollback/plan';
import type { RollbackRecord, RollbackStepRecord } from '../rollback/record';
import { LEASE_DURATION_MS } from '../team/lease';
import type { Step, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import { allow, namedInstant, namedInstants, refuse, refuseWithInstants, type Decision, type EngineState, type NamedInstant, type Refusal, type RefusalCode } from './decision';
import type { EventOf, ReleaseEvent, RollbackChange } from './events';
import { recordOf } from './fold';
import type { Intent } from './intents';
import { liveRelease } from './live';
import { instanceKey } from './progress';
import type { Actor, RegionLease } from './state';

/**
 * Issue 15, "Region leases", decided: a command step or a rollback step in a region first takes that
 * region's lease (an event, so it is shared with the log); while another run holds it, a second run there
 * is refused with who holds it and since when, and a rollback waits. A lease whose holder stopped beating
 * is shown as expired and is taken over only by the `takeOverLease` intent, with a reason.
 */

/** Region → the latest heartbeat's expiry for the run holding it: a fact slice from the lease-heartbeat port, not the log. */
export type LeaseBeats = Readonly<Record<string, { run: string; expiresAt: number; beatAt?: number; since?: number } | undefined>>;

/** A take-over's reason goes into the record: long enough to say why, short enough to read in a header. */
export const TAKE_OVER_REASON_MAX_CHARS = 500;

/** The run a take-over holds the region for until its taker starts a run there. */
export const TAKEN_OVER_RUN = 'taken-over';

export function rollbackRunKey(handoverId: string): string {
  return `rollback-${handoverId}`;
}

/**
 * When a lease runs out: as the heartbeat port judges it for the same run (silence for a lease duration of this
 * desk's monotonic clock, the holder's clock believed only a little ahead: main/team/leases.ts), else the log's
 * expiry. Not the later of the two: the log's expiry is the holder's clock, and a dead desk whose clock ran a
 * day ahead would hold its region for a day.
 */
export function leaseExpiry(state: EngineState, lease: RegionLease): number {
  const beat = state.leaseBeats?.[lease.region];
  return beat && beat.run === lease.run ? beat.expiresAt : lease.expiresAt;
}

/**
 * When the lease was taken, on the clock its expiry is judged on: as the heartbeat port put it on this desk's clock
 * for the same run (main/team/leases.ts: counted back from when this desk first saw it, by how long its holder said
 * it had held it), else the log's, which is the taker's clock. Beside this desk's expiry the taker's could read as
 * "since 17:02, until 14:03" when the two desks' clocks disagree.
 */
export function leaseSince(state: EngineState, lease: RegionLease): number {
  const beat = state.leaseBeats?.[lease.region];
  return beat && beat.run === lease.run && beat.since !== undefined ? beat.since : lease.since;
}

/** When the holder's desk last said it is alive: its latest heartbeat of this run, or the taking itself. */
export function leaseLastHeartbeat(state: EngineState, lease: RegionLease): number {
  const beat = state.leaseBeats?.[lease.region];
  const since = leaseSince(state, lease);
  return beat && beat.run === lease.run && beat.beatAt !== undefined ? Math.max(since, beat.beatAt) : since;
}

export function leaseExpired(state: EngineState, lease: RegionLease, now: number): boolean {
  return now >= leaseExpiry(state, lease);
}

/**
 * "S01 is held by carol (on-call PE) for HO-1234's rollback since 14:02 UTC, until 14:07 UTC", or that it expired, and
 * the two instants it names, as a refusal names an instant (namedInstant): a desk reads them in its own zone.
 */
export function leaseWords(state: EngineState, lease: RegionLease, now: number): { sentence: string; instants: NamedInstant[] } {
  const who = `${lease.holder.name} (${lease.holder.role})`;
  const until = leaseExpiry(state, lease);
  const instants = namedInstants(leaseSince(state, lease), until);
  const [since, end] = instants.map((i) => i.words);
  if (now >= until) return { sentence: `${lease.region}'s lease, held by ${who} for ${lease.purpose} since ${since}, expired at ${end} without a heartbeat; take it over with a reason to run there`, instants };
  return { sentence: `${lease.region} is held by ${who} for ${lease.purpose} since ${since}, until ${end}`, instants };
}

/** A refusal that says who holds the region and since and until when (`leaseWords`), then `after`. */
function leaseRefusal(code: RefusalCode, state: EngineState, lease: RegionLease, now: number, after = '.', opensAt: number | null = null): Refusal {
  const { sentence, instants } = leaseWords(state, lease, now);
  return refuseWithInstants(refuse(code, `${sentence}${after}`, opensAt), instants);
}

/** The lease standing in `run`'s way in `region`, or null: none, its own, or one its actor took over. */
export function leaseInTheWay(state: EngineState, region: string, run: string, actor: Actor): RegionLease | null {
  // Own keys only: a region named `__proto__` or `constructor` (from a request) holds no lease.
  const lease = Object.hasOwn(state.leases, region) ? state.leases[region] : undefined;
  if (!lease || lease.run === run) return null;
  if (lease.run === TAKEN_OVER_RUN && lease.holder.name === actor.name) return null;
  return lease;
}

function taken(actor: Actor, now: number, region: string, release: string, run: string, purpose: string): EventOf<'leaseTaken'> {
  return { type: 'leaseTaken', actor, at: now, lease: { region, holder: actor, release, run, purpose, since: now, expiresAt: now + LEASE_DURATION_MS, takenOverFrom: null } };
}

function released(actor: Actor, now: number, region: string, run: string): EventOf<'leaseReleased'> {
  return { type: 'leaseReleased', actor, at: now, region, run };
}

type StepIntent = Extract<Intent, { kind: 'startStep' | 'commandExited' | 'commandWithheld' | 'interrupted' }>;

/** A command step's start takes its region's lease (or is refused); its last exit gives it back. */
export function leaseForStep(intent: StepIntent, decision: Decision, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  if (!decision.allowed || intent.region === null) return decision;
  const run = instanceKey(intent.step, intent.region);
  if (intent.kind === 'startStep') {
    const started = decision.events.find((e) => e.type === 'stepStarted');
    if (started?.type !== 'stepStarted' || started.kind !== 'command') return decision;
    const lease = leaseInTheWay(state, intent.region, run, actor);
    if (lease) return leaseRefusal('conflict', state, lease, now);
    const step = stepOf(workspace, intent.release, intent.step);
    const purpose = step?.kind === 'command' && step.deploys ? `the deploy "${step.title}"` : `"${step?.title ?? intent.step}"`;
    return allow(...decision.events, taken(actor, now, intent.region, intent.release, run, purpose));
  }
  const finished = decision.events.some((e) => e.type === 'stepFinished');
  if (!finished || state.leases[intent.region]?.run !== run) return decision;
  return allow(...decision.events, released(actor, now, intent.region, run));
}

type RollbackIntent = Extract<Intent, { kind: 'rollbackStepStarting' | 'rollbackStepExited' | 'rollbackStepWithheld' | 'rollbackFinishing' | 'rollbackInterrupted' | 'abortRollback' }>;

/**
 * Before a rollback step runs, the state it is decided on: a run that waited for another run in a region
 * has its untouched regions planned again from what that run actually left (issue 15: a deploy still
 * running when the rollback was confirmed is undone as it ended, not as it was planned).
 */
export function rollbackStateAfterWait(intent: Extract<Intent, { kind: 'rollbackStepStarting' }>, state: EngineState, workspace: Workspace): EngineState {
  const record = recordOf(state, intent.release);
  const run = record.rollbacks[intent.handover];
  if (!run || run.waitingFor === null) return state;
  const release = indexWorkspace(workspace).releases.get(intent.release);
  if (!release) return state;
  const plan = buildRollbackPlan(workspace, liveRelease(release, record), { ...record, ...state.world }, intent.handover);
  const untouched = new Set(run.steps.map((s) => s.regionId).filter((region) => run.steps.every((s) => s.regionId !== region || s.state === 'pending')));
  const steps: RollbackStepRecord[] = [];
  for (const step of run.steps) {
    if (!untouched.has(step.regionId)) steps.push(step);
    else if (!steps.some((s) => s.regionId === step.regionId)) {
      const fresh = plan.regions.find((r) => r.regionId === step.regionId);
      // A region the waited-for run left without the HO's versions has nothing left to undo.
      for (const s of fresh?.steps ?? []) steps.push({ ...s, environment: fresh!.environment, state: 'pending', exitCode: null, startedAt: null, endedAt: null, detail: null });
    }
  }
  const replanned: RollbackRecord = { ...run, waitingFor: null, waitingInstants: [], steps };
  return { ...state, releases: { ...state.releases, [intent.release]: { ...record, rollbacks: { ...record.rollbacks, [intent.handover]: replanned } } } };
}

/**
 * Why a rollback waits on `lease`, as the log keeps it ("waiting for the deploy … in S01 to finish (alice, since 10:55
 * UTC)"), and the instants those words name, as a refusal names them (namedInstant): a desk reads them in its own zone.
 */
function waitingWords(state: EngineState, lease: RegionLease, now: number): { waitingFor: string; waitingInstants: NamedInstant[] } {
  if (leaseExpired(state, lease, now)) {
    const { sentence, instants } = leaseWords(state, lease, now);
    return { waitingFor: `waiting: ${sentence}`, waitingInstants: instants };
  }
  const since = namedInstant(lease.since);
  return { waitingFor: `waiting for ${lease.purpose} in ${lease.region} to finish (${lease.holder.name}, since ${since.words})`, waitingInstants: [since] };
}

/**
 * A rollback's lease: its next step waits while another run holds that step's region (the wait is logged
 * once, on the run, so every desk shows it); the step then takes the lease, and gives it back when the
 * rollback moves to another region, stops or ends.
 */
export function leaseForRollback(intent: RollbackIntent, decide: (state: EngineState) => Decision, state: EngineState, now: number, actor: Actor): Decision {
  const record = recordOf(state, intent.release);
  const run = record.rollbacks[intent.handover];
  const key = rollbackRunKey(intent.handover);
  if (intent.kind === 'rollbackStepStarting' && run?.status === 'running' && !run.abortRequested) {
    const next = run.steps.find((s) => s.state === 'pending');
    const lease = next ? leaseInTheWay(state, next.regionId, key, actor) : null;
    if (next && lease) {
      const { waitingFor, waitingInstants } = waitingWords(state, lease, now);
      // A wait logged before its words named their zone ("since 10:55") is the same wait: it is not logged again.
      if (run.waitingFor === waitingFor || run.waitingFor === waitingFor.replace(/ UTC\)$/, ')')) return refuseWithInstants(refuse('conflict', `${intent.handover}'s rollback is ${waitingFor}.`), waitingInstants);
      const waiting: ReleaseEvent = { type: 'rollbackChanged', actor, at: now, release: intent.release, region: lease.region, step: next.id, intent: 'rollbackWaiting' satisfies RollbackChange, detail: { rollback: intent.handover, waitingFor, holder: lease.holder, run: lease.run }, run: { ...run, waitingFor, waitingInstants } };
      return allow(waiting);
    }
  }
  const decision = decide(state);
  if (!decision.allowed) return decision;
  const after = decision.events.findLast((e) => e.type === 'rollbackChanged');
  const runAfter = after?.type === 'rollbackChanged' ? after.run : run;
  const events = [...decision.events];
  const held = Object.values(state.leases).filter((l) => l.run === key);
  if (intent.kind === 'rollbackStepStarting' && runAfter) {
    const step = runAfter.steps.find((s) => s.state === 'running');
    if (step && !held.some((l) => l.region === step.regionId)) events.push(taken(actor, now, step.regionId, intent.release, key, `${intent.handover}'s rollback`));
    return allow(...events);
  }
  // Kept while the next step runs in the same region; given back otherwise.
  const next = runAfter?.status === 'running' && !runAfter.abortRequested ? runAfter.steps.find((s) => s.state === 'pending') : undefined;
  for (const lease of held) if (lease.region !== next?.regionId) events.push(released(actor, now, lease.region, key));
  return allow(...events);
}

/**
 * Why `actor` cannot back `region` out now because another run holds it, or null: the dialog shows its message, and
 * the instants it names, before the region is typed.
 */
export function backOutLeaseBlock(state: EngineState, region: string, actor: Actor, now: number): Refusal | null {
  const lease = leaseInTheWay(state, region, backOutRunKey(region), actor);
  return lease ? leaseRefusal('conflict', state, lease, now) : null;
}

type BackOutIntent = Extract<Intent, { kind: 'backOutRegion' | 'backOutStepStarting' | 'backOutStepExited' | 'backOutStepWithheld' | 'backOutFinishing' | 'backOutInterrupted' }>;

export function backOutRunKey(region: string): string {
  return `backout@${region}`;
}

/**
 * "Back out region" holds its region's lease from the moment it is decided until it ends (done, stopped
 * where a step failed, or interrupted): it runs commands there as a step or a rollback does, so it is
 * refused while another run holds the region, with who and since when, and nothing else starts there
 * while it runs. An expired lease is taken over first, with a reason, as for any run.
 */
export function leaseForBackOut(intent: BackOutIntent, decision: Decision, state: EngineState, now: number, actor: Actor): Decision {
  if (!decision.allowed) return decision;
  const key = backOutRunKey(intent.region);
  if (intent.kind === 'backOutRegion') {
    const inTheWay = backOutLeaseBlock(state, intent.region, actor, now);
    if (inTheWay) return inTheWay;
    return allow(...decision.events, taken(actor, now, intent.region, intent.release, key, `backing ${intent.region} out`));
  }
  const after = decision.events.findLast((e) => e.type === 'backOutChanged');
  const ended = after?.type === 'backOutChanged' && after.run.status !== 'running';
  if (!ended || state.leases[intent.region]?.run !== key) return decision;
  return allow(...decision.events, released(actor, now, intent.region, key));
}

/**
 * Why the region's lease cannot be taken over now, whatever the reason given: none held, or its holder
 * still beats. The region pane offers "Take over" only when this is null, so it cannot disagree with decide.
 */
export function takeOverBlocked(state: EngineState, region: string, now: number): Refusal | null {
  const lease = Object.hasOwn(state.leases, region) ? state.leases[region] : undefined;
  if (!lease) return refuse('not_found', `${region} has no lease to take over; a run there takes it.`) as Refusal;
  const expiry = leaseExpiry(state, lease);
  if (now < expiry) return leaseRefusal('blocked', state, lease, now, '; a lease can be taken over only after it expires.', expiry);
  return null;
}

/** Taking over an expired lease: its own intent, with a reason, never while the holder still beats. */
export function decideTakeOver(intent: Extract<Intent, { kind: 'takeOverLease' }>, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  if (!workspace.regions.some((r) => r.id === intent.region)) return refuse('not_found', `There is no region ${intent.region}.`);
  const reason = intent.reason.trim();
  if (!reason) return refuse('invalid_request', `Taking over ${intent.region}'s lease needs a reason: it goes into the record.`);
  if (reason.length > TAKE_OVER_REASON_MAX_CHARS) return refuse('invalid_request', `The reason for taking over ${intent.region}'s lease is ${reason.length} characters; keep it within ${TAKE_OVER_REASON_MAX_CHARS}.`);
  const blocked = takeOverBlocked(state, intent.region, now);
  if (blocked) return blocked;
  const lease = state.leases[intent.region]!;
  const expiry = leaseExpiry(state, lease);
  const takenOverFrom = { holder: lease.holder, run: lease.run, expiredAt: expiry, reason };
  const next: RegionLease = { region: intent.region, holder: actor, release: lease.release, run: TAKEN_OVER_RUN, purpose: `taken over from ${lease.holder.name}`, since: now, expiresAt: now + LEASE_DURATION_MS, takenOverFrom };
  return allow({ type: 'leaseTakenOver', actor, at: now, lease: next, reason });
}

function stepOf(workspace: Workspace, releaseId: string, stepId: string): Step | undefined {
  const index = indexWorkspace(workspace);
  const release = index.releases.get(releaseId);
  return release ? index.runbooks.get(release.runbook)?.gates.flatMap((g) => g.steps).find((s) => s.id === stepId) : undefined;
}
