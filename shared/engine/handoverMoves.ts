import type { HandoverStatus, Workspace } from '../workspace/workspace';
import { mayDoStepsOf } from '../workspace/roles';
import type { Actor } from './state';

/**
 * Why `actor` may not move a handover to `to`, or null. Seed 000's gate tables give each move to a role ("QA
 * moves HO to "HO Peer Review" status", "Marks Stage CR as "Released to Stage"": the PE), and the workspace
 * declares them in releases.yaml's `handoverMoves`. A role that acts as the named one may make its moves, as
 * it may do its steps (the on-call PE is a PE). A status the workspace gives to nobody is anyone's: a
 * workspace that declares no moves keeps the console's first rule, that only a move's legality is checked.
 */
export function handoverMoveRefusal(workspace: Pick<Workspace, 'roles' | 'handoverMoves'>, to: HandoverStatus, actor: Actor): string | null {
  const rule = workspace.handoverMoves?.find((move) => move.to === to);
  if (!rule || mayMoveHandoverTo(workspace, to, actor.role)) return null;
  return `Only ${rule.by.join(' or ')} may move a handover to “${to}” (${rule.source}); you are ${actor.role}.`;
}

/** Whether someone in `role` may move a handover to `to`; the workspace's load check asks it for each rollback role too. */
export function mayMoveHandoverTo(workspace: Pick<Workspace, 'roles' | 'handoverMoves'>, to: HandoverStatus, role: string): boolean {
  const rule = workspace.handoverMoves?.find((move) => move.to === to);
  return !rule || rule.by.some((ruleRole) => mayDoStepsOf(workspace, role, ruleRole));
}
