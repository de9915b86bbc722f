// A generated, deterministic release log for the History screen's tests: many releases, people, regions
// and kinds of event, written through the real repository so every line is hash-chained as the console
// writes it. Each event is the kind a real rollout logs, with values the schemas accept.
import { openReleaseRepository } from '../main/release/repository';
import type { ReleaseEvent } from '../shared/engine/events';
import { systemClock } from '../shared/clock';

export const HISTORY_PEOPLE = [
  { name: 'Priya Shah', role: 'PE' },
  { name: 'Sam Okafor', role: 'PE' },
  { name: 'Lee Chen', role: 'QA' },
  { name: 'Dana Ruiz', role: 'on-call PE' },
  { name: 'Olu Ade', role: 'CAI team' },
] as const;
export const HISTORY_REGIONS = ['S01', 'S02', 'LON', 'EUW2', 'USE2'] as const;

/** The n-th event of the generated log; `release` names one of `releases`, the rest cycle at co-prime periods. */
export function historyEvent(n: number, releases: readonly string[], start: number): ReleaseEvent {
  const actor = { ...HISTORY_PEOPLE[n % HISTORY_PEOPLE.length]! };
  const release = releases[Math.floor(n / 7) % releases.length]!;
  const region = HISTORY_REGIONS[n % 3 === 0 ? n % HISTORY_REGIONS.length : (n + 1) % HISTORY_REGIONS.length]!;
  const at = start + n * 60_000;
  switch (n % 4) {
    case 0:
      return { type: 'stepStarted', actor, at, release, step: `deploy-${n % 11}`, region, retry: false, kind: 'command' };
    case 1:
      return { type: 'stepFinished', actor, at, release, step: `deploy-${n % 11}`, region, outcome: n % 13 === 0 ? 'failed' : 'done', cause: 'tick', note: null, exitCode: null };
    case 2:
      return { type: 'refused', actor, at, intent: 'startStep', release, region, step: `deploy-${n % 11}`, reasons: [`${region} is outside its window`], opensAt: null, allowed: false, handover: null };
    default:
      return { type: 'qaTicked', actor, at, release, itemId: `qa-${n % 5}`, tick: { outcome: 'pass', by: actor, at } };
  }
}

/** Appends `count` generated events to the release log in `dir`, in batches as a busy console would. */
export async function writeHistoryLog(dir: string, count: number, releases: readonly string[], start: number): Promise<void> {
  const log = await openReleaseRepository(dir, systemClock());
  const batch = 200;
  for (let from = 0; from < count; from += batch) {
    const events: ReleaseEvent[] = [];
    for (let n = from; n < Math.min(count, from + batch); n++) events.push(historyEvent(n, releases, start));
    await log.append(events);
  }
  await log.close();
}
