import type { HandoverStatus } from '../workspace/workspace';

export type { HandoverStatus } from '../workspace/workspace';

/**
 * Seed 000's legal moves. The happy path runs HO Peer Review → Ready for P.E Review → Released to Stage →
 * Ready for Production → Rollout Complete. A failed stage rollout goes Stage Rollback Required → Failed Stage
 * Rollout; a failed production rollout is rolled back on both Production and Stage: Production Rollback
 * Required → Stage Rollback Required → Failed Production Rollout. A failed HO is re-used after fixing.
 */
const LEGAL: Readonly<Record<HandoverStatus, readonly HandoverStatus[]>> = {
  Draft: ['HO Peer Review'],
  'HO Peer Review': ['Ready for P.E Review'],
  'Ready for P.E Review': ['Released to Stage', 'Failed P.E Review', 'Stage Rollback Required'],
  'Failed P.E Review': ['HO Peer Review'],
  'Released to Stage': ['Ready for Production', 'Stage Rollback Required'],
  'Ready for Production': ['Rollout Complete', 'Production Rollback Required'],
  // Seed 000's testing failure: QA finds the problem after the rollout, and the HO is rolled back.
  'Rollout Complete': ['Production Rollback Required'],
  'Stage Rollback Required': ['Failed Stage Rollout', 'Failed Production Rollout'],
  'Failed Stage Rollout': ['HO Peer Review'],
  'Production Rollback Required': ['Stage Rollback Required'],
  'Failed Production Rollout': ['HO Peer Review'],
};

/** How far along the happy path a status is, for "is this HO at least Ready for P.E Review by the deadline?". */
const PROGRESS: Partial<Record<HandoverStatus, number>> = {
  Draft: 0,
  'HO Peer Review': 1,
  'Ready for P.E Review': 2,
  'Released to Stage': 3,
  'Ready for Production': 4,
  'Rollout Complete': 5,
};

export interface HandoverState {
  id: string;
  status: HandoverStatus;
  /** Earlier statuses, oldest first: tells a stage rollback after a production failure from a plain one. */
  history?: readonly HandoverStatus[];
}

export type TransitionResult<T extends HandoverState> = { ok: true; handover: T } | { ok: false; error: string };

export function legalNextStatuses(ho: HandoverState): HandoverStatus[] {
  const fromProduction = ho.history?.includes('Production Rollback Required') === true;
  return LEGAL[ho.status].filter((to) => {
    if (ho.status !== 'Stage Rollback Required') return true;
    return to === (fromProduction ? 'Failed Production Rollout' : 'Failed Stage Rollout');
  });
}

export function transition<T extends HandoverState>(ho: T, to: HandoverStatus): TransitionResult<T> {
  if (legalNextStatuses(ho).includes(to)) {
    return { ok: true, handover: { ...ho, status: to, history: [...(ho.history ?? []), ho.status] } };
  }
  const legal = legalNextStatuses(ho);
  const options = legal.length ? `it can move to ${legal.map((s) => `"${s}"`).join(' or ')}` : 'it is finished and cannot move';
  const why =
    ho.status === 'Stage Rollback Required' && (to === 'Failed Production Rollout' || to === 'Failed Stage Rollout')
      ? ` (a stage rollback ends in "Failed Production Rollout" only after "Production Rollback Required")`
      : '';
  return { ok: false, error: `${ho.id} cannot move from "${ho.status}" to "${to}"${why}; ${options}.` };
}

export function isFailed(status: HandoverStatus): boolean {
  return PROGRESS[status] === undefined;
}

/** Whether an HO has reached a status on the happy path (failed HOs have reached nothing). */
export function hasReached(status: HandoverStatus, target: HandoverStatus): boolean {
  const at = PROGRESS[status];
  const wanted = PROGRESS[target];
  return at !== undefined && wanted !== undefined && at >= wanted;
}
