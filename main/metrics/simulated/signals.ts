import { IANAZone } from 'luxon';
import type { ScenarioKind } from '../../../shared/api/metrics';
import { gaussian, regionTrait } from './noise';

/** The healthy shape of a region at one moment, before any metric definition reads it. */
export interface RegionSignals {
  rps: number;
  errorRatePercent: number;
  /** Latency at a percentile (0–100), in ms. */
  latencyAt(percentile: number): number;
  cpuPercent: number;
}

export interface ActiveScenario {
  scenario: ScenarioKind;
  startedMs: number;
  rolledBackMs: number | null;
}

/** A scenario reaches full strength over a few minutes, the way a bad deploy does as pods roll. */
const SCENARIO_RAMP_MS = 3 * 60_000;
/** After a rollback the numbers settle back over a few minutes, not instantly. */
const RECOVERY_MS = 4 * 60_000;
/** Seed 001: immediate rollback above 5 % errors; the spike sits clearly over it. */
const SPIKE_ERROR_RATE_PERCENT = 8;
/** p99 creep: +10 % of baseline a minute: 2× after ~10 min, so "consider" (sustained 5 min) at ~15 and "immediate" (3×) at ~20. */
const P99_CREEP_PER_MINUTE = 0.1;
const THROUGHPUT_DROP_FACTOR = 0.35;
/** The healthy error rate's top: 0.08 % + 0.04 % at the busiest hour + two standard deviations of noise. */
const HEALTHY_ERROR_RATE_TOP_PERCENT = 0.16;
/** Healthy traffic sits at most this fraction of the workspace's lowest error-rate threshold. */
const HEALTHY_SHARE_OF_THRESHOLD = 0.5;

/** What a workspace's own rollback criteria say healthy looks like, so a healthy simulation never breaches them. */
export interface HealthyLimits {
  /** The lowest absolute error-rate threshold, in percent (seed 003's error budget: 0.1 %). */
  errorRateCeilingPercent?: number | undefined;
}

/** 0 before the scenario, rising to 1, falling back to 0 after a rollback. */
export function scenarioStrength(active: ActiveScenario | undefined, t: number): number {
  if (active === undefined || active.scenario === 'healthy' || t < active.startedMs) return 0;
  const ramp = Math.min(1, (t - active.startedMs) / SCENARIO_RAMP_MS);
  if (active.rolledBackMs === null || t < active.rolledBackMs) return ramp;
  return ramp * Math.max(0, 1 - (t - active.rolledBackMs) / RECOVERY_MS);
}

/** p99 keeps growing while the bad version runs; a rollback brings it back over the recovery time. */
function creepFactor(active: ActiveScenario | undefined, t: number): number {
  if (active?.scenario !== 'p99Creep' || t < active.startedMs) return 1;
  const until = active.rolledBackMs === null ? t : Math.min(t, active.rolledBackMs);
  const grown = (P99_CREEP_PER_MINUTE * (until - active.startedMs)) / 60_000;
  const recovering = active.rolledBackMs !== null && t >= active.rolledBackMs;
  return 1 + grown * (recovering ? Math.max(0, 1 - (t - (active.rolledBackMs ?? t)) / RECOVERY_MS) : 1);
}

const MINUTE_MS = 60_000;
/** Zones change their UTC offset on whole or half hours, so one lookup serves a quarter of an hour. */
const OFFSET_BUCKET_MS = 15 * MINUTE_MS;
const offsets = new Map<string, number>();

/** The zone's UTC offset in minutes at `t`; cached, because a day of history asks for it per point per metric. */
function utcOffsetMinutes(zone: string, t: number): number {
  const key = `${zone}|${Math.floor(t / OFFSET_BUCKET_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offset = IANAZone.create(zone).offset(t);
    offsets.set(key, offset);
  }
  return offset;
}

/** Minutes since local midnight in `zone` at `t` (what a wall clock there shows, to the minute). */
export function localMinuteOfDay(t: number, zone: string): number {
  const localMinute = Math.floor(t / MINUTE_MS) + utcOffsetMinutes(zone, t);
  return ((localMinute % 1440) + 1440) % 1440;
}

/** Traffic follows the region's local day: quietest around 04:00, busiest around 16:00. */
function dailyLoad(t: number, zone: string): number {
  const hour = localMinuteOfDay(t, zone) / 60;
  return 0.3 + 0.7 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 4)) / 24));
}

/** A region's noise keys and traits, the same at every instant. */
interface RegionConstants {
  busiest: number;
  quietP50: number;
  rpsKey: string;
  errKey: string;
  cpuKey: string;
  latencyKeys: Map<number, string>;
}

const constantsBySeed = new Map<number, Map<string, RegionConstants>>();

/**
 * Made once per seed and region: a day of history asks for them at each of its 1,440 minutes, in a rehearsal's first
 * poll, which serve runs before it prints its URL; built afresh each time, they were five strings and two traits hashed.
 */
function regionConstants(seed: number, regionId: string): RegionConstants {
  let ofSeed = constantsBySeed.get(seed);
  if (ofSeed === undefined) constantsBySeed.set(seed, (ofSeed = new Map()));
  let constants = ofSeed.get(regionId);
  if (constants === undefined) {
    // Region ids are a workspace's; a bound keeps a caller with endless ids from growing it forever.
    if (ofSeed.size > 10_000) ofSeed.clear();
    constants = {
      busiest: 400 + 1200 * regionTrait(seed, regionId, 'traffic'),
      quietP50: 35 + 20 * regionTrait(seed, regionId, 'latency'),
      rpsKey: `${regionId}|rps`,
      errKey: `${regionId}|err`,
      cpuKey: `${regionId}|cpu`,
      latencyKeys: new Map(),
    };
    ofSeed.set(regionId, constants);
  }
  return constants;
}

function latencyKey(constants: RegionConstants, regionId: string, percentile: number): string {
  let key = constants.latencyKeys.get(percentile);
  if (key === undefined) constants.latencyKeys.set(percentile, (key = `${regionId}|lat${percentile}`));
  return key;
}

export function regionSignals(seed: number, regionId: string, zone: string, t: number, active: ActiveScenario | undefined, limits: HealthyLimits = {}): RegionSignals {
  const load = dailyLoad(t, zone);
  const strength = scenarioStrength(active, t);
  const kind = active?.scenario;
  const constants = regionConstants(seed, regionId);
  const busiest = constants.busiest;
  let rps = busiest * load * (1 + 0.04 * gaussian(seed, constants.rpsKey, t));
  if (kind === 'throughputDrop') rps *= 1 - (1 - THROUGHPUT_DROP_FACTOR) * strength;

  const ceiling = limits.errorRateCeilingPercent;
  const healthyScale = ceiling === undefined ? 1 : Math.min(1, (HEALTHY_SHARE_OF_THRESHOLD * ceiling) / HEALTHY_ERROR_RATE_TOP_PERCENT);
  let errorRatePercent = Math.max(0, (0.08 + 0.04 * load + 0.02 * gaussian(seed, constants.errKey, t)) * healthyScale);
  if (kind === 'errorSpike') errorRatePercent += (SPIKE_ERROR_RATE_PERCENT - errorRatePercent) * strength;

  const p50 = constants.quietP50 * (1 + 0.25 * load);
  const creep = creepFactor(active, t);
  return {
    rps,
    errorRatePercent,
    latencyAt(percentile) {
      // The tail stretches with load; p99 ≈ 4.4× p50 when healthy, as in seed 001's 45 ms / 200 ms.
      const tail = 1 + 3.4 * Math.max(0, (percentile - 50) / 49) ** 2;
      const noise = 1 + 0.05 * gaussian(seed, latencyKey(constants, regionId, percentile), t);
      const crept = percentile >= 90 ? creep : 1 + (creep - 1) * 0.1;
      return p50 * tail * noise * crept;
    },
    cpuPercent: Math.min(100, 20 + 45 * load * (rps / (busiest * load || 1)) + 2 * gaussian(seed, constants.cpuKey, t)),
  };
}
