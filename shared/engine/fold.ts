import type { ReleaseEvent, WorldEffect } from './events';
import type { FixForwardRecord } from '../rollback/fixForward';
import { instanceKey } from './progress';
import { postSucceeded } from '../announce/channels';
import { emptyConsoleState, emptyReleaseRecord, liftWorld, type Actor, type AnnouncementPost, type ConsoleState, type ReleaseRecord, type ShellCommandRecord, type VersionChange, type WorldState } from './state';

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
      return onRelease(state, event.release, (r) => setStep(r, instanceKey(event.step, event.region), { status: 'running', at: event.at, by: event.actor.name, ...byArn(event.actor), role: event.actor.role }));
    // The step runs again; the baselines it had stay in the record until the new ones replace them.
    case 'baselineRetakeStarted':
      return onRelease(state, event.release, (r) => setStep(r, instanceKey(event.step, event.region), { status: 'running', at: event.at, by: event.actor.name, ...byArn(event.actor), role: event.actor.role }));
    case 'stepFinished':
      return onRelease(state, event.release, (r) => {
        const key = instanceKey(event.step, event.region);
        // A stopped command's failure keeps who asked for the Stop and when: the step's card names them, not only who ran it.
        const stopRequested = event.outcome === 'failed' ? r.steps[key]?.stopRequested : undefined;
        return setStep(r, key, {
          status: event.outcome,
          at: event.at,
          by: event.actor.name,
          ...byArn(event.actor),
          role: event.actor.role,
          ...(event.note !== null ? { note: event.note } : {}),
          ...(event.exitCode !== null ? { exitCode: event.exitCode } : {}),
          ...(event.cause === 'interrupted' ? { interrupted: true } : {}),
          ...(stopRequested ? { stopRequested } : {}),
        });
      });
    // Not done any more: the step is as it was before anyone finished it, and the reason stays in the log.
    case 'stepReopened':
      return onRelease(state, event.release, (r) => {
        const key = instanceKey(event.step, event.region);
        const { [key]: _reopened, ...steps } = r.steps;
        return { ...r, steps, reopened: { ...r.reopened, [key]: { by: event.actor, at: event.at, reason: event.reason } } };
      });
    case 'gateHeld':
      return onRelease(state, event.release, (r) => setStep(r, instanceKey(event.step, event.region), { status: 'done', at: event.at, by: event.actor.name, ...byArn(event.actor), role: event.actor.role }));
    case 'approvalGiven': {
      const key = instanceKey(event.step, event.region);
      return onRelease(state, event.release, (r) => ({ ...r, approvals: { ...r.approvals, [key]: [...(r.approvals[key] ?? []), event.approver] } }));
    }
    case 'overrideApproved': {
      const key = instanceKey(event.step, event.region);
      return onRelease(state, event.release, (r) => ({ ...r, overrideApprovals: { ...r.overrideApprovals, [key]: [...(r.overrideApprovals[key] ?? []), event.approver] } }));
    }
    case 'overrideGranted':
      return onRelease(state, event.release, (r) => ({ ...r, overrides: [...r.overrides.filter((o) => !(o.stepId === event.step && o.region === event.region)), event.override] }));
    case 'qaTicked':
      return onRelease(state, event.release, (r) => ({ ...r, qa: { ...r.qa, [event.itemId]: event.tick }, qaTicks: [...r.qaTicks, { itemId: event.itemId, tick: event.tick }] }));
    case 'handoverMoved':
      return onRelease(state, event.release, (r) => {
        const history = r.handovers[event.handover]?.history ?? [];
        return { ...r, handovers: { ...r.handovers, [event.handover]: { status: event.to, history: [...history, event.from] } } };
      });
    case 'handoverHeld':
      return onRelease(state, event.release, (r) => {
        const current = r.handovers[event.handover] ?? { status: event.status, history: [] };
        return { ...r, handovers: { ...r.handovers, [event.handover]: { ...current, held: event.reason, heldInstants: event.instants } } };
      });
    case 'baselinesCaptured':
      return onRelease(state, event.release, (r) => ({
        ...r,
        baselines: [...r.baselines.filter((b) => !event.baselines.some((c) => c.regionId === b.regionId && c.metricId === b.metricId)), ...event.baselines],
      }));
    case 'commandExited': {
      const run = event.run;
      const withRun = run ? onRelease(state, event.release, (r) => ({ ...r, runs: { ...r.runs, [event.runKey]: [...(r.runs[event.runKey] ?? []), run] } })) : state;
      return { ...withVersionChanges(withRun, event), world: applyEffects(withRun.world, event.effects, event.at) };
    }
    // A withheld command leaves what it would have: the rehearsal's picture of the world walks on.
    case 'commandWouldRun':
      return { ...withVersionChanges(state, event), world: applyEffects(state.world, event.effects, event.at) };
    case 'rollbackChanged': {
      const rolledBack = onRelease(state, event.release, (r) => ({ ...r, rollbacks: { ...r.rollbacks, [event.run.handoverId]: event.run } }));
      return typeof event.detail.regionRolledBack === 'string' ? drillRolledBack(rolledBack, event.detail.regionRolledBack, event.at) : rolledBack;
    }
    case 'fixForwardDecided': {
      const { actor, at, handover, reason, severity, deadline, criteria, regions, values } = event;
      const decided: FixForwardRecord = { handoverId: handover, status: 'fixing', decidedBy: { name: actor.name, role: actor.role }, decidedAt: at, reason, severity, deadline, criteria, regions, values, fixHandover: null, endedAt: null };
      return onRelease(state, event.release, (r) => ({ ...r, fixForwards: { ...r.fixForwards, [handover]: decided } }));
    }
    case 'fixForwardLanded':
    case 'fixForwardExpired':
      return onRelease(state, event.release, (r) => {
        const open = r.fixForwards[event.handover];
        if (!open) return r;
        const ended: FixForwardRecord = event.type === 'fixForwardLanded' ? { ...open, status: 'landed', fixHandover: event.fixHandover, endedAt: event.at } : { ...open, status: 'expired', endedAt: event.at };
        return { ...r, fixForwards: { ...r.fixForwards, [event.handover]: ended } };
      });
    case 'backOutChanged': {
      const backedOut = onRelease(state, event.release, (r) => ({ ...r, backOuts: { ...r.backOuts, [event.region]: event.run } }));
      return event.run.status === 'done' ? drillRolledBack(backedOut, event.region, event.at) : backedOut;
    }
    case 'shellOpened': {
      if (event.release === null) return state;
      const shell = { transcript: event.transcript, sessionId: event.sessionId, regionId: event.region, title: event.title, openedBy: event.actor, openedAt: event.at, closedAt: null, exitCode: null, signal: null, bytes: null, sha256: null };
      return onRelease(state, event.release, (r) => ({ ...r, shells: [...r.shells, shell] }));
    }
    case 'shellClosed':
      if (event.release === null) return state;
      return onRelease(state, event.release, (r) => ({
        ...r,
        shells: r.shells.map((s) => (s.transcript === event.transcript ? { ...s, closedAt: event.at, exitCode: event.exitCode, signal: event.signal, bytes: event.bytes, sha256: event.sha256 } : s)),
      }));
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
    // A shell's tool changes the world only as the next reconcile reports it: the console applies no
    // effect it did not run. The release keeps the record for its CR evidence.
    case 'shellCommandAllowed':
      return onRelease(state, event.release, (r) => addShellCommand(r, { argv: event.argv, region: event.region, by: event.actor, at: event.at, decision: 'allowed', step: event.step, handover: event.handover, reasons: [], exitCode: null }));
    case 'shellCommandAnswered':
      return onRelease(state, event.release, (r) => addShellCommand(r, { argv: event.argv, region: event.region, by: event.actor, at: event.at, decision: event.answer, step: null, handover: null, reasons: event.blockedBy, exitCode: null }));
    case 'shellCommandExited':
      return onRelease(state, event.release, (r) => {
        const ran = r.shellCommands.findLastIndex((c) => c.exitCode === null && c.decision !== 'declined' && c.argv.join('\0') === event.argv.join('\0'));
        if (ran < 0) return r;
        return { ...r, shellCommands: r.shellCommands.map((c, i) => (i === ran ? { ...c, exitCode: event.exitCode } : c)) };
      });
    case 'clockMoved':
      return { ...state, rehearsalClock: event.to };
    case 'drillSet': {
      const { [event.region]: _ended, ...drills } = state.drills ?? {};
      return { ...state, drills: event.scenario === 'healthy' ? drills : { ...drills, [event.region]: { scenario: event.scenario, startedMs: event.at, rolledBackMs: null, by: { name: event.actor.name, role: event.actor.role } } } };
    }
    case 'announcementPosting':
    case 'announcementWouldPost': {
      const { channel, message } = event;
      const post: AnnouncementPost = event.type === 'announcementPosting'
        ? { channel, message, attempt: event.attempt, by: event.actor, at: event.at, state: 'posting', status: null, error: null, answeredAt: null }
        : { channel, message, attempt: 1, by: event.actor, at: event.at, state: 'wouldPost', status: null, error: null, answeredAt: null };
      return onRelease(state, event.release, (r) => ({ ...r, announcements: [...r.announcements, post] }));
    }
    case 'announcementPosted':
      return onRelease(state, event.release, (r) => ({
        ...r,
        announcements: r.announcements.map((p) =>
          p.state === 'posting' && p.channel === event.channel && p.message === event.message && p.attempt === event.attempt
            ? { ...p, state: postSucceeded(event) ? 'posted' : 'failed', status: event.status, error: event.error, answeredAt: event.at }
            : p,
        ),
      }));
    // The step stays running until its command's exit is observed; who asked first is kept, so every desk says it is stopping.
    case 'stepStopRequested':
      return onRelease(state, event.release, (r) => {
        const key = instanceKey(event.step, event.region);
        const step = r.steps[key];
        if (step?.status !== 'running' || step.stopRequested) return r;
        return setStep(r, key, { ...step, stopRequested: { by: event.actor.name, role: event.actor.role, at: event.at } });
      });
    case 'breachObserved':
      return { ...state, breachesLogged: { ...state.breachesLogged, [event.alertId]: event.since } };
    case 'reconciled':
    case 'rehearsalStartedOver':
    case 'demoClockSwitched':
    case 'evidenceExported':
    case 'consoleStarted':
    case 'refused':
    case 'shellCommandWouldRun':
    case 'releaseDefined':
      // Recorded for the record; nothing the console holds changes (the delivery metrics read releaseDefined).
      return state;
  }
}

/** A drilled region runs the old versions again: its simulated numbers recover from `at` (seed 001: roll back, then verify). */
function drillRolledBack(state: ConsoleState, regionId: string, at: number): ConsoleState {
  const drill = state.drills?.[regionId];
  if (drill === undefined || drill.rolledBackMs !== null) return state;
  return { ...state, drills: { ...state.drills, [regionId]: { ...drill, rolledBackMs: at } } };
}

/** Seed 000: maintenance mode and running versions belong to the region, whichever release's command set them. */
export function applyEffects(world: WorldState, effects: readonly WorldEffect[], at?: number): WorldState {
  let next = world;
  for (const effect of effects) {
    if (effect.kind === 'maintenance') {
      next = { ...next, maintenance: { ...next.maintenance, [effect.region]: effect.on } };
      if (!effect.on && at !== undefined) next = { ...next, maintenanceOffAt: { ...next.maintenanceOffAt, [effect.region]: at } };
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

/** The release keeps the versions its own commands left, region by region, for its deployment log (issue 17). */
function withVersionChanges(state: ConsoleState, event: { release: string; at: number; effects: readonly WorldEffect[]; rollback: string | null }): ConsoleState {
  const changes: VersionChange[] = event.effects.flatMap((e) => (e.kind === 'version' ? [{ region: e.region, package: e.package, version: e.version, at: event.at, rollback: event.rollback }] : []));
  if (changes.length === 0) return state;
  return onRelease(state, event.release, (r) => ({ ...r, versionChanges: [...r.versionChanges, ...changes] }));
}

function addShellCommand(record: ReleaseRecord, command: ShellCommandRecord): ReleaseRecord {
  return { ...record, shellCommands: [...record.shellCommands, command] };
}

function setStep(record: ReleaseRecord, key: string, step: ReleaseRecord['steps'][string]): ReleaseRecord {
  return { ...record, steps: { ...record.steps, [key]: step } };
}

/** A step record keeps its doer's ARN only when AWS named them, so records of personas stay as they were. */
function byArn(actor: Actor): { byArn?: string } {
  return actor.arn === undefined ? {} : { byArn: actor.arn };
}
