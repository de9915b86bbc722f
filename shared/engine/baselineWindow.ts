import { BASELINE_WINDOW_MS } from '../metrics/baseline';
import { formatTime, zoneLabel } from '../rules/localDay';
import type { Workspace } from '../workspace/workspace';
import type { NamedInstant } from './decision';
import type { ReleaseProgress } from './progress';

/** Why a baseline cannot be taken in a region now, and when it can (null: once someone acts). */
export interface UncleanBaselineWindow {
  reason: string;
  opensAt: number | null;
  /** The instants `reason` names, as the log reads them; a desk reads them in its own zone. */
  instants: NamedInstant[];
}

/**
 * Seed 000: maintenance mode redirects a region's traffic to its sibling. A baseline of the sibling taken
 * while, or within its window after, it carried that traffic counts the extra share as normal: once the
 * traffic goes home the sibling reads as a throughput drop, and the console offers to roll back a healthy
 * release. So the baseline step waits until its whole window is the region's own traffic: a window as long
 * as every other region's (the drop criterion compares against a mean over it), rather than a shorter one
 * that time-of-day swings would skew. Null when nothing taints the window.
 */
export function uncleanBaselineWindow(workspace: Workspace, regionId: string, progress: Pick<ReleaseProgress, 'maintenance' | 'maintenanceOffAt'>, now: number): UncleanBaselineWindow | null {
  const region = workspace.regions.find((r) => r.id === regionId);
  const served = workspace.regions.filter((r) => r.sibling === regionId && r.id !== regionId);
  const zone = region?.zone ?? 'UTC';
  // In the region's zone and in UTC, where they differ: the PE at the desk may sit in neither. London in winter is UTC's
  // clock, and "11:40 London (11:40 UTC)" said one time twice. A desk reads UTC's part in its own zone (`instants`).
  const when = (t: number) => {
    if (zone === 'UTC') return `${formatTime(t, 'UTC')} UTC`;
    const local = `${formatTime(t, zone)} ${zoneLabel(zone)}`;
    return formatTime(t, zone) === formatTime(t, 'UTC') ? local : `${local} (${formatTime(t, 'UTC')} UTC)`;
  };
  const minutes = BASELINE_WINDOW_MS / 60_000;
  const inMaintenance = served.find((r) => progress.maintenance[r.id] === true);
  if (inMaintenance) {
    return {
      reason: `${regionId} is carrying ${inMaintenance.id}'s traffic (${inMaintenance.id} is in maintenance mode): a baseline now would count it as ${regionId}'s own. It can be taken ${minutes} minutes after maintenance mode is disabled in ${inMaintenance.id}.`,
      opensAt: null,
      instants: [],
    };
  }
  const lastOff = Math.max(...served.map((r) => progress.maintenanceOffAt?.[r.id] ?? Number.NEGATIVE_INFINITY));
  const opensAt = lastOff + BASELINE_WINDOW_MS;
  if (!(opensAt > now)) return null;
  const sibling = served.find((r) => progress.maintenanceOffAt?.[r.id] === lastOff)!;
  return {
    reason: `${regionId} carried ${sibling.id}'s traffic until ${when(lastOff)} (${sibling.id} was in maintenance mode): its ${minutes}-minute baseline window must hold only ${regionId}'s own traffic. It can be taken from ${when(opensAt)}.`,
    opensAt,
    instants: [lastOff, opensAt].map((t) => ({ at: t, words: when(t), zone })),
  };
}
