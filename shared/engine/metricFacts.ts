import type { MetricsAlert } from '../api/metrics';
import { staleAfterMs } from '../metrics/staleness';

/**
 * The latest metric facts for one region, written by main when a poll lands. They are a fact slice beside
 * the logged state, not events: a poll lands every period for every region, and logging each would fill
 * the log with numbers nobody decided on. What a rule concludes from them is logged instead, through an
 * observation intent: a metric gate that held (`gateHeld`), a breach (`breachObserved`).
 */
export interface RegionMetricFacts {
  /** When the poll that produced them landed (epoch ms): their age is `now - at`. */
  at: number;
  /** The region's shortest metric period: the staleness rule counts in it. */
  periodMs: number;
  freshness: 'fresh' | 'stale' | 'none';
  /** Active breaches of the rollback criteria, with their numbers. */
  alerts: readonly MetricsAlert[];
  /** How long, up to the workspace's longest metric gate, the region has been healthy against its criteria. */
  healthyMinutes: number;
  /** Why it is not healthy for longer, in words. */
  detail: string;
}

export type MetricFacts = Readonly<Record<string, RegionMetricFacts | undefined>>;

export interface GateProgress {
  healthyMinutes: number;
  detail: string;
}

/**
 * Issue 10: a metric gate counts healthy minutes only since it started watching (data from before the
 * deploy says nothing about the new version), and never passes on missing or stale data. Facts older than
 * the one staleness rule (max(3 minutes, 3 periods)) count as stale too: main stopped hearing.
 */
export function metricGateProgress(facts: RegionMetricFacts | undefined, minutes: number, since: number, now: number): GateProgress {
  if (!facts || facts.freshness === 'none') return { healthyMinutes: 0, detail: 'No metrics yet: a gate never passes on no data.' };
  if (facts.freshness === 'stale' || now - facts.at > staleAfterMs(facts.periodMs)) return { healthyMinutes: 0, detail: 'Metrics stale: health unknown, so the gate waits.' };
  const watched = Math.max(0, (now - since) / 60_000);
  const healthy = Math.min(minutes, watched, facts.healthyMinutes);
  return { healthyMinutes: Math.floor(healthy * 10) / 10, detail: healthy >= minutes ? 'healthy for the whole gate' : facts.healthyMinutes < watched ? facts.detail : 'no breach since it started watching' };
}
