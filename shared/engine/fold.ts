import type { ReleaseEvent, WorldEffect } from './events';
import { instanceKey } from './progress';
import { emptyConsoleState, emptyReleaseRecord, liftWorld, type ConsoleState, type ReleaseRecord, type WorldState } from './state';

/**
 * State is the fold of the log: `events.reduce(applyEvent, initialState(snapshot))`. Nothing here decides:
 * an event in the log happened, and applying it only records that (decide.ts made the choice before it
 * was appended). Pure and total, so a replay gives the same state on every machine.
 */
export function initialState(snapshot?: ConsoleState | null): ConsoleState {
  return snapshot ? liftWorld(snapshot) : emptyConsoleState();
}

export function applyEvents(state: ConsoleState, events: readonly ReleaseEvent[]): ConsoleState {
  return events.reduce(applyEvent, state);
}

export function applyEvent(state: ConsoleState, event: ReleaseEvent): ConsoleState {
  switch (event.type) {
    case 'stepStarted':
      return onRelease(state, event.release, (r) => setStep(r, instanceKey(event.step, event.region), { status: 'running', at: event.at, by: event.actor.name, role: event.actor.role }));
    case 'stepFinished':
      return onRelease(state, event.release, (r) =>
        setStep(r, instanceKey(event.step, event.region), {
          status: event.outcome,
          at: event.at,
          by: event.actor.name,
          role: event.actor.role,
          ...(event.note !== null ? { note: event.note } : {}),
          ...(event.exitCode !== null ? { exitCode: event.exitCode } : {}),
          ...(event.cause === 'interrupted' ? { interrupted: true } : {}),
        }),
      );
    case 'gateHeld':
      return onRelease(state, event.release, (r) => setStep(r, instanceKey(event.step, event.region), { status: 'done', at: event.at, by: event.actor.name, role: event.actor.role }));
    case 'approvalGiven': {
      const key = instanceKey(event.step, event.region);
      return onRelease(state, event.release, (r) => ({ ...r, approvals: { ...r.approvals, [key]: [...(r.approvals[key] ?? []), event.approver] } }));
    }
    case 'overrideGranted':
      return onRelease(state, event.release, (r) => ({ ...r, overrides: [...r.overrides.filter((o) => !(o.stepId === event.step && o.region === event.region)), event.override] }));
    case 'qaTicked':
      return onRelease(state, event.release, (r) => ({ ...r, qa: { ...r.qa, [event.itemId]: event.tick } }));
    case 'handoverMoved':
      return onRelease(state, event.release, (r) => {
        const history = r.handovers[event.handover]?.history ?? [];
        return { ...r, handovers: { ...r.handovers, [event.handover]: { status: event.to, history: [...history, event.from] } } };
      });
    case 'baselinesCaptured':
      return onRelease(state, event.release, (r) => ({
        ...r,
        baselines: [...r.baselines.filter((b) => !event.baselines.some((c) => c.regionId === b.regionId && c.metricId === b.metricId)), ...event.baselines],
      }));
    case 'commandExited': {
      const run = event.run;
      const withRun = run ? onRelease(state, event.release, (r) => ({ ...r, runs: { ...r.runs, [event.runKey]: [...(r.runs[event.runKey] ?? []), run] } })) : state;
      return { ...withRun, world: applyEffects(withRun.world, event.effects) };
    }
    case 'rollbackChanged':
      return onRelease(state, event.release, (r) => ({ ...r, rollbacks: { ...r.rollbacks, [event.run.handoverId]: event.run } }));
    case 'leaseTaken':
    case 'leaseTakenOver':
      return { ...state, leases: { ...state.leases, [event.lease.region]: event.lease } };
    case 'leaseReleased': {
      if (state.leases[event.region]?.run !== event.run) return state;
      const { [event.region]: _released, ...leases } = state.leases;
      return { ...state, leases };
    }
    case 'operatorSet':
      return { ...state, operator: event.to };
    case 'releaseSelected':
      return { ...state, selectedRelease: event.release };
    // The stop is on record; the step stays running until its command's exit is observed.
    case 'stepStopRequested':
    case 'breachObserved':
    case 'reconciled':
    case 'clockMoved':
    case 'evidenceExported':
    case 'consoleStarted':
    case 'refused':
      // Recorded for the record; nothing the console holds changes.
      return state;
  }
}

/** Seed 000: maintenance mode and running versions belong to the region, whichever release's command set them. */
export function applyEffects(world: WorldState, effects: readonly WorldEffect[]): WorldState {
  let next = world;
  for (const effect of effects) {
    if (effect.kind === 'maintenance') {
      next = { ...next, maintenance: { ...next.maintenance, [effect.region]: effect.on } };
      continue;
    }
    const { [effect.package]: _was, ...rest } = next.deployed[effect.region] ?? {};
    next = { ...next, deployed: { ...next.deployed, [effect.region]: effect.version === null ? rest : { ...rest, [effect.package]: effect.version } } };
  }
  return next;
}

/** A release id from the log: "__proto__" or "constructor" must find no record, not Object's. */
export function recordOf(state: ConsoleState, releaseId: string): ReleaseRecord {
  return Object.hasOwn(state.releases, releaseId) ? state.releases[releaseId]! : emptyReleaseRecord();
}

function onRelease(state: ConsoleState, releaseId: string, change: (record: ReleaseRecord) => ReleaseRecord): ConsoleState {
  return { ...state, releases: { ...state.releases, [releaseId]: change(recordOf(state, releaseId)) } };
}

function setStep(record: ReleaseRecord, key: string, step: ReleaseRecord['steps'][string]): ReleaseRecord {
  return { ...record, steps: { ...record.steps, [key]: step } };
}
