import { DateTime } from 'luxon';
import { WEEKDAYS } from '../workspace/schema/common';
import type { Gate, GateDeadline, HandoverStatus, Release, Runbook } from '../workspace/workspace';
import { hasReached } from '../handover/status';

/**
 * Seed 000: "2nd Wednesday of sprint, 17:00", "1st Tuesday post-sprint, 10:00": week N counts from the
 * Monday of the release's cycle start (week 3 is the first week after a two-week sprint).
 */
export function gateDeadline(cycleStart: string, deadline: GateDeadline): number {
  const monday = DateTime.fromISO(cycleStart, { zone: deadline.zone }).startOf('week');
  const [hour, minute] = deadline.time.split(':').map(Number);
  const day = monday.plus({ weeks: deadline.week - 1, days: WEEKDAYS.indexOf(deadline.day) });
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 }).toMillis();
}

export interface GateStatus {
  gateId: string;
  title: string;
  deadline: number | null;
  missed: boolean;
  /** HOs not at the gate's required status by its deadline; seed 000 removes them from the release. */
  handoversToRemove: string[];
  consequence: string | null;
}

export function gateStatuses(release: Release, runbook: Runbook, now: number): GateStatus[] {
  return runbook.gates.map((gate: Gate) => {
    const deadline = gate.deadline ? gateDeadline(release.cycleStart, gate.deadline) : null;
    const passed = deadline !== null && now >= deadline;
    const required = gate.requiresHandoverStatus as HandoverStatus | undefined;
    const late = passed && required ? release.handovers.filter((ho) => !hasReached(ho.status, required)).map((ho) => ho.id) : [];
    return {
      gateId: gate.id,
      title: gate.title,
      deadline,
      missed: late.length > 0,
      handoversToRemove: late,
      consequence: late.length ? `${late.join(', ')} ${late.length === 1 ? 'was' : 'were'} not "${required}" by the ${gate.title} deadline. ${gate.onMiss ?? 'Remove it from the release.'}` : null,
    };
  });
}
