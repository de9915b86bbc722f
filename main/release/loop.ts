import type { Clock } from '../../shared/clock';
import { decide, refusalEvent, type Decision, type EngineState } from '../../shared/engine/decide';
import type { ReleaseEvent } from '../../shared/engine/events';
import { isObservation, type Intent } from '../../shared/engine/intents';
import type { MetricFacts } from '../../shared/engine/metricFacts';
import type { Actor, ConsoleState } from '../../shared/engine/state';
import type { Workspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import { SerialQueue } from '../storage/serial-queue';
import type { LeaseHeartbeat } from '../team/lease-heartbeat';
import type { ReleaseRepository } from './repository';

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

  engineState(): EngineState {
    return { ...this.options.repository.state, metrics: this.options.facts(), leaseBeats: this.options.leases?.beats() ?? {} };
  }

  /** Decides and appends; resolves once the events are durable. A refusal of a person's intent is logged too. */
  handle(intent: Intent, actor: Actor): Promise<Decision> {
    return this.queue.run(async () => {
      const { repository, clock, workspace } = this.options;
      if (repository.readOnly && !isObservation(intent)) {
        return { allowed: false, code: 'conflict', message: `The console is read-only: ${repository.readOnly.reason}`, reasons: [repository.readOnly.reason], opensAt: null } satisfies Decision;
      }
      const now = clock.now();
      const decision = decide(intent, this.engineState(), now, actor, workspace);
      const events = decision.allowed ? decision.events : [refusalEvent(intent, decision, now, actor)].filter((e) => e !== null);
      if (events.length) {
        await repository.append(events);
        // Only what this desk appended: its own leases beat here, never another desk's.
        await this.options.leases?.follow(events);
        this.options.onChange();
      }
      return decision;
    });
  }

  /** As `handle`, and a refusal becomes the API error its code names. */
  async require(intent: Intent, actor: Actor): Promise<ReleaseEvent[]> {
    const decision = await this.handle(intent, actor);
    if (!decision.allowed) throw new ApiFailure(decision.code, decision.message);
    return decision.events;
  }
}
