import { isFailed, transition } from '../handover/status';
import type { HandoverStatus, Workspace } from '../workspace/workspace';
import { indexWorkspace } from '../workspace/workspace';
import type { Decision, EngineState } from './decision';
import { isDeployedIn } from './deployedWhere';
import type { ReleaseEvent } from './events';
import { applyEvents, recordOf } from './fold';
import { liveRelease, progressOf } from './live';
import type { Actor } from './state';
import { computeStepStates } from './stepStates';
import { handoverMoveRefusal } from './handoverMoves';
import { reopenedSignOffMoveRefusal } from './reopenedSignOff';

/**
 * Seed 000: "Mark CR as Rollout Complete" moves the handovers with it. When an accepted decision completes
 * a gate that names `movesHandoversTo`, each live handover deployed in every region the gate's deploy steps
 * target moves there; one that is not stays, and the record says why. Appended to the same decision, so
 * the gate and the statuses land in the log together.
 */
export function withGateCompletion(decision: Decision, releaseId: string, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  if (!decision.allowed || !decision.events.some(mayFinishAStep)) return decision;
  const release = indexWorkspace(workspace).releases.get(releaseId);
  const runbook = release ? indexWorkspace(workspace).runbooks.get(release.runbook) : undefined;
  if (!release || !runbook) return decision;
  const complete = (s: EngineState | ReturnType<typeof applyEvents>) => {
    const record = recordOf(s, releaseId);
    const instances = computeStepStates({ workspace, release: liveRelease(release, record), progress: progressOf(record, s.world), now });
    return new Set(runbook.gates.filter((g) => instances.filter((i) => i.gateId === g.id).every((i) => i.state.status === 'done')).map((g) => g.id));
  };
  const before = complete(state);
  const after = applyEvents(state, decision.events);
  const done = complete(after);
  const record = recordOf(after, releaseId);
  const extra: ReleaseEvent[] = [];
  for (const gate of runbook.gates) {
    if (!gate.movesHandoversTo || before.has(gate.id) || !done.has(gate.id)) continue;
    const targets = [...new Set(gate.steps.filter((s) => s.deploys && s.regions).flatMap((s) => (s.regions!.ids === 'all' ? workspace.regions.map((r) => r.id) : s.regions!.ids)))];
    for (const ho of liveRelease(release, record).handovers) {
      if (isFailed(ho.status) || ho.status === gate.movesHandoversTo) continue;
      const missing = targets.filter((region) => !isDeployedIn(ho, after.world, region));
      const at = { actor, at: now, release: releaseId, handover: ho.id };
      if (missing.length) {
        extra.push({ type: 'handoverHeld', ...at, gate: gate.id, status: ho.status, reason: `${ho.id} stays "${ho.status}": "${gate.title}" completed, but its packages do not run at their new versions in ${missing.join(', ')}.`, instants: [] });
        continue;
      }
      // The move is made as whoever finished the gate: releases.yaml's handoverMoves hold for it as for a move by hand.
      const notTheirs = handoverMoveRefusal(workspace, gate.movesHandoversTo as HandoverStatus, actor);
      if (notTheirs) {
        extra.push({ type: 'handoverHeld', ...at, gate: gate.id, status: ho.status, reason: `${ho.id} stays "${ho.status}": "${gate.title}" completed, but ${notTheirs}`, instants: [] });
        continue;
      }
      // A QA sign-off of this gate or an earlier one that stands reopened holds the move as it holds one by hand: a
      // step that was running when QA failed an item can still finish the gate, but the rollout is not tested.
      const untested = reopenedSignOffMoveRefusal(runbook, progressOf(record, after.world), ho.id, gate.movesHandoversTo);
      if (untested) {
        extra.push({ type: 'handoverHeld', ...at, gate: gate.id, status: ho.status, reason: `${ho.id} stays "${ho.status}": "${gate.title}" completed, but ${untested.sentence}`, instants: untested.instants });
        continue;
      }
      const moved = transition({ id: ho.id, status: ho.status, history: record.handovers[ho.id]?.history ?? [] }, gate.movesHandoversTo as HandoverStatus);
      if (moved.ok) extra.push({ type: 'handoverMoved', ...at, from: ho.status, to: moved.handover.status });
      else extra.push({ type: 'handoverHeld', ...at, gate: gate.id, status: ho.status, reason: `${ho.id} stays "${ho.status}": ${moved.error}`, instants: [] });
    }
  }
  return extra.length ? { ...decision, events: [...decision.events, ...extra] } : decision;
}

/** The events after which a step may be done: a finish, a metric gate's hold, an approval that may be the last one needed. */
function mayFinishAStep(event: ReleaseEvent): boolean {
  return (event.type === 'stepFinished' && event.outcome === 'done') || event.type === 'gateHeld' || event.type === 'approvalGiven';
}
