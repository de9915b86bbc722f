import type { Clock } from '../../shared/clock';
import { decide, refusalEvent, type Decision, type EngineState } from '../../shared/engine/decide';
import { readOnlyRefusal, type ReadOnlyLog, type Refusal } from '../../shared/engine/decision';
import type { ReleaseEvent } from '../../shared/engine/events';
import type { Intent } from '../../shared/engine/intents';
import type { MetricFacts } from '../../shared/engine/metricFacts';
import type { Actor, ConsoleState } from '../../shared/engine/state';
import type { Workspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import { SerialQueue } from '../storage/serial-queue';
import { StoreUnavailableError } from '../team/dynamo-log';
import type { LeaseHeartbeat } from '../team/lease-heartbeat';
import type { ReleaseRepository } from './repository';
import { SupersededError } from './shared-repository';

/**
 * How often one intent is decided again after losing the shared log's race to another desk. Each loss
 * means another desk's events were folded first; a handful of desks at one release cannot win every race
 * of one intent for long, and past this the user is told to try again rather than held.
 */
const MAX_DECISIONS_PER_INTENT = 5;

/** The read-only refusal, after an append that failed: a put whose answer was lost may have landed, and then shows when the store answers, never twice. */
function refusedAfterAttempt(blocked: ReadOnlyLog, afterAttempt: boolean): Decision {
  const refusal = readOnlyRefusal(blocked);
  return afterAttempt ? { ...refusal, message: `${refusal.message} If the store received it before it stopped answering, it will show once the store answers again.` } : refusal;
}

/** Other desks' events reached the shared log first on every one of `attempts` decisions of this intent. */
function outraced(attempts: number): Refusal {
  const reason = `other desks wrote to the shared log first each of the ${attempts} times it was decided`;
  return { allowed: false, code: 'conflict', message: `Nothing was done: ${reason}; their changes now show here. Look at them, then try again.`, reasons: [reason], opensAt: null };
}

export interface IntentLoopOptions {
  workspace: Workspace;
  clock: Clock;
  repository: ReleaseRepository<ConsoleState, ReleaseEvent>;
  facts: () => MetricFacts;
  /** Issue 15: where this desk's region leases beat; `decide` reads their expiries. Absent: the log's expiries alone. */
  leases?: LeaseHeartbeat;
  /** Called after every append, so the host pushes what changed. */
  onChange: () => void;
}

/**
 * The only writer: intent → decide → append → (the caller applies effects) → push. Intents are handled
 * one at a time, so each is decided on the state every earlier one left: two clicks on one step cannot
 * both start it.
 */
export class IntentLoop {
  private readonly queue = new SerialQueue();

  constructor(private readonly options: IntentLoopOptions) {}

  get state(): ConsoleState {
    return this.options.repository.state;
  }

  /** The console's clock: the time `handle` decides at. */
  now(): number {
    return this.options.clock.now();
  }

  engineState(): EngineState {
    return { ...this.options.repository.state, metrics: this.options.facts(), leaseBeats: this.options.leases?.beats() ?? {} };
  }

  /**
   * Decides and appends; resolves once the events are durable (with a shared log: once the store accepted
   * them). A refusal of a person's intent is logged too. When another desk's events reached the shared log
   * first, they are folded and the intent is decided again on the state they left: it is then appended,
   * or refused with decide's reason (the winner's events are that reason).
   */
  handle(intent: Intent, actor: Actor): Promise<Decision> {
    return this.queue.run(async () => {
      const { repository, clock, workspace } = this.options;
      // What main observed is refused too: a log that cannot be written cannot take it, and throwing here would
      // stop a console at start (a step left running by a crash) before its banner could name what was found.
      if (repository.readOnly) return readOnlyRefusal(repository.readOnly);
      for (let attempt = 1; ; attempt++) {
        const unread = await this.leaseReadFirst(intent);
        const now = clock.now();
        const decidedOn = repository.head;
        const decision = unread ?? decide(intent, this.engineState(), now, actor, workspace);
        const events = decision.allowed ? decision.events : [refusalEvent(intent, decision, now, actor)].filter((e) => e !== null);
        if (events.length === 0) return decision;
        try {
          await repository.append(events, decidedOn);
        } catch (error) {
          if (error instanceof SupersededError && attempt < MAX_DECISIONS_PER_INTENT) continue;
          // Outraced every time: nothing was applied, and the user is told so in words (not an internal error).
          if (error instanceof SupersededError) {
            const refusal = outraced(attempt);
            // A refusal stays in this desk's own log, outside the shared chain, as decide's refusals do.
            const logged = refusalEvent(intent, refusal, clock.now(), actor);
            if (logged) await repository.append([logged]);
            return refusal;
          }
          // The store did not answer: nothing was applied, and the status bar now says so.
          if (error instanceof StoreUnavailableError) {
            this.options.onChange();
            return refusedAfterAttempt(repository.readOnly ?? { reason: error.message }, error.cause !== null);
          }
          throw error;
        }
        // Only what this desk appended: its own leases beat here, never another desk's.
        await this.options.leases?.follow(events);
        this.options.onChange();
        return decision;
      }
    });
  }

  /**
   * A take-over is decided on the holder's silence as this desk judges it, from the beats it has read, and the desk
   * reads them on its heartbeat's round. A holder that beat again since (a laptop woken) would have its region taken
   * on a silence that had ended: the log would name a new holder while the old one's desk still held the item and
   * ran its step. So the region's lease item is read now, and a take-over is decided on it; a read that fails
   * refuses the take-over (logged as any refusal) rather than deciding it blind. Undefined: read, or nothing to read.
   */
  private async leaseReadFirst(intent: Intent): Promise<Refusal | undefined> {
    const { leases, repository } = this.options;
    const held = intent.kind === 'takeOverLease' ? repository.state.leases[intent.region] : undefined;
    if (!leases || !held) return undefined;
    try {
      await leases.refresh([held]);
      return undefined;
    } catch (error) {
      const reason = `${held.region}'s lease could not be read from the shared store (${error instanceof Error ? error.message : String(error)})`;
      return { allowed: false, code: 'conflict', message: `Nothing was taken over: ${reason}, so whether its holder's desk still beats is not known. Try again.`, reasons: [reason], opensAt: null };
    }
  }

  /** As `handle`, and a refusal becomes the API error its code names. */
  async require(intent: Intent, actor: Actor): Promise<ReleaseEvent[]> {
    const decision = await this.handle(intent, actor);
    if (!decision.allowed) throw new ApiFailure(decision.code, decision.message, undefined, decision.instants);
    return decision.events;
  }
}
