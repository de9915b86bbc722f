import type { GateView } from '../../shared/api';
import { instantWithRuleZone, relative } from './time';

/**
 * "Due Fri 20 Mar, 10:00 UTC (10:00 London), in 2 hours": a gate's deadline as the desk reads every recorded time,
 * its rule's own reading beside it when the desk sits in another zone (`instantWithRuleZone`), then how far away it
 * is. "Missed …, 3 hours ago" once it has passed with the gate not done. Null for a gate without a deadline.
 */
export function gateDeadlineWords(gate: Pick<GateView, 'deadline' | 'deadlineZone' | 'missed'>, nowMs: number, operator: string): string | null {
  if (gate.deadline === null) return null;
  // The view names the zone of every deadline it gives; one without would have no rule's reading to add.
  const when = instantWithRuleZone(gate.deadline, gate.deadlineZone ?? operator, operator);
  return `${gate.missed ? 'Missed' : 'Due'} ${when}, ${relative(gate.deadline, nowMs)}`;
}
