import type { GateView } from '../../shared/api';
import { instantWithRuleZone, relative } from './time';

/**
 * "Due Fri 20 Mar, 10:00 UTC (10:00 London), in 2 hours": a gate's deadline as the desk reads every recorded time,
 * its rule's own reading beside it when the desk sits in another zone (`instantWithRuleZone`), then how far away it
 * is. "Missed …, 3 hours ago" once it has passed with the gate not done. Null for a gate without a deadline.
 * In parts, read with a space between them, that a line breaks between and never inside: at 1024 px the board's
 * deadline read "… in 23 hours 5" over "minutes".
 */
export function gateDeadlineParts(gate: Pick<GateView, 'deadline' | 'deadlineZone' | 'missed'>, nowMs: number, operator: string): string[] | null {
  if (gate.deadline === null) return null;
  // The view names the zone of every deadline it gives; one without would have no rule's reading to add.
  const [shown, ...ruleReading] = instantWithRuleZone(gate.deadline, gate.deadlineZone ?? operator, operator);
  const when = [`${gate.missed ? 'Missed' : 'Due'} ${shown}`, ...ruleReading];
  return [...when.slice(0, -1), `${when.at(-1)},`, relative(gate.deadline, nowMs)];
}
