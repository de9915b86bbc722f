import { existsSync, readdirSync } from 'node:fs';
import type { Clock } from '../../shared/clock';
import { releaseDefinition } from '../../shared/delivery/definition';
import type { EventOf, ReleaseEvent } from '../../shared/engine/events';
import type { Actor } from '../../shared/engine/state';
import { RollbackRecord } from '../../shared/rollback/record';
import type { Handover, Release, Workspace } from '../../shared/workspace/workspace';
import { seededRandom } from '../metrics/simulated/noise';
import { openReleaseRepository } from '../release/repository';

/**
 * Issue 19: past releases for the demo, so its Delivery screen is not empty, and for the bench's 10,000
 * releases. Deterministic: the same seed, end and count give the same events. Each package's history
 * climbs to the version the workspace says runs now (its `currentVersion`), through pre-releases of it, so
 * the world the history leaves is the one the demo's releases start from.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface HistoryOptions {
  workspace: Workspace;
  /** The history ends before this instant (epoch ms). */
  until: number;
  releases: number;
  /** Releases a week (seed 000: the weekly platform release and the bi-weekly product one). */
  perWeek?: number;
  seed?: number;
}

type Outcome = 'success' | 'rolled back after production' | 'rolled back mid-rollout';

interface Planned {
  id: string;
  at: number;
  handovers: { id: string; packages: string[]; outcome: Outcome; createdAt: number }[];
}

export function generateDeliveryHistory({ workspace, until, releases, perWeek = 2, seed = 19 }: HistoryOptions): ReleaseEvent[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const current = new Map<string, string>();
  for (const release of workspace.releases) for (const ho of release.handovers) for (const p of ho.packages) if (p.currentVersion !== undefined) current.set(p.name, p.currentVersion);
  const packages = [...current.keys()];
  const production = workspace.regions.filter((r) => r.environment === 'production').map((r) => r.id);
  if (packages.length === 0 || production.length === 0) return [];
  const people: Actor[] = ['sam', 'priya', 'tomas', 'lee'].map((name) => ({ name, role: workspace.roles[0]?.name ?? 'PE' }));
  const type = workspace.releaseTypes[0]!.id;
  const runbook = workspace.runbooks[0]!.id;

  // First the plan, then the versions: each package's last deploy must land its current version.
  const gap = (7 * DAY) / perWeek;
  const plans: Planned[] = [];
  let handoverNumber = 1;
  for (let i = 0; i < releases; i++) {
    const at = until - (releases - i) * gap + 9 * HOUR + Math.floor(random() * 4) * HOUR;
    // A package ships in one handover of a release: one region runs one version of it.
    const used = new Set<string>();
    const handovers = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const roll = random();
      const outcome: Outcome = roll < 0.1 ? 'rolled back after production' : roll < 0.14 ? 'rolled back mid-rollout' : 'success';
      const names = [...new Set([pick(packages), ...(random() < 0.3 ? [pick(packages)] : [])])].filter((name) => !used.has(name));
      for (const name of names) used.add(name);
      return { id: `HO-${String(handoverNumber++).padStart(4, '0')}`, packages: names, outcome, createdAt: at - Math.floor((12 + random() * 200) * HOUR) };
    }).filter((ho) => ho.packages.length > 0);
    plans.push({ id: `history-${new Date(at).toISOString().slice(0, 10)}-${i}`, at, handovers });
  }
  const deploysOf = new Map<string, number>();
  for (const plan of plans) for (const ho of plan.handovers) for (const name of ho.packages) deploysOf.set(name, (deploysOf.get(name) ?? 0) + 1);
  const lastOf = new Map<string, { id: string }>();
  for (const plan of plans) for (const ho of plan.handovers) for (const name of ho.packages) lastOf.set(name, ho);
  for (const ho of new Set(lastOf.values())) (ho as Planned['handovers'][number]).outcome = 'success';

  const seen = new Map<string, number>();
  const running = new Map<string, string>();
  const nextVersion = (name: string) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === deploysOf.get(name) ? current.get(name)! : `${current.get(name)!}-pre.${n}`;
  };

  const events: ReleaseEvent[] = [];
  for (const plan of plans) {
    const actor = pick(people);
    const handovers: Handover[] = plan.handovers.map((ho) => ({
      id: ho.id,
      title: `${ho.packages.join(' and ')} update`,
      status: 'Rollout Complete',
      createdAt: new Date(ho.createdAt).toISOString(),
      packages: ho.packages.map((name) => ({ name, ...(running.has(name) ? { currentVersion: running.get(name)! } : {}), newVersion: nextVersion(name), isNew: false })),
      tickets: [],
      instructions: { pre: [], post: [], sql: [] },
      rollback: [],
    }));
    const release: Release = { id: plan.id, title: `Release of ${new Date(plan.at).toISOString().slice(0, 10)}`, type, runbook, cycleStart: new Date(plan.at).toISOString().slice(0, 10), handovers };
    const definition = releaseDefinition(workspace, release);
    // The history names its own targets: every production region, whatever the workspace's runbooks say today.
    for (const ho of handovers) definition.targets[ho.id] = { production, staging: [] };
    events.push({ type: 'releaseDefined', actor, at: plan.at, release: plan.id, definition });
    // A handover that fails mid-rollout stops where its breach showed; the others go on to every region.
    const stopAt = 1 + Math.floor(random() * (production.length - 1));
    const goesOn = (index: number, regionIndex: number) => plan.handovers[index]!.outcome !== 'rolled back mid-rollout' || regionIndex < stopAt;
    let t = plan.at;
    const deployedAt: number[] = [];
    production.forEach((region, regionIndex) => {
      t += 20 * 60_000 + Math.floor(random() * 40) * 60_000;
      deployedAt.push(t);
      events.push(deployEvent(actor, t, plan.id, region, handovers.filter((_, i) => goesOn(i, regionIndex)).flatMap((ho) => ho.packages.map((p) => ({ name: p.name, version: p.newVersion! }))), null));
    });
    for (const ho of handovers) for (const p of ho.packages) running.set(p.name, p.newVersion!);
    for (const [index, planned] of plan.handovers.entries()) {
      if (planned.outcome === 'success') continue;
      const ho = handovers[index]!;
      const reached = planned.outcome === 'rolled back mid-rollout' ? production.slice(0, stopAt) : production;
      // Mid-rollout, the breach shows in the last region it reached, before the next one would have been deployed.
      const breachAt = deployedAt[reached.length - 1]! + (planned.outcome === 'rolled back mid-rollout' ? 5 : 30 + Math.floor(random() * 120)) * 60_000;
      const region = reached.at(-1)!;
      events.push({ type: 'breachObserved', actor: { name: 'release-console', role: 'system' }, at: breachAt, region, alertId: `${region}:error-rate`, title: 'Error rate above 2× baseline', level: 'immediate', value: 4.2, threshold: 2, since: breachAt });
      const started = breachAt + (5 + Math.floor(random() * 20)) * 60_000;
      const ended = started + reached.length * 6 * 60_000;
      const restored = ended + (10 + Math.floor(random() * 150)) * 60_000;
      const run = (status: 'running' | 'done', restoredAt: number | null) =>
        RollbackRecord.parse({
          handoverId: ho.id,
          status,
          path: { start: 'Rollout Complete', afterProduction: null, end: 'Production Rollback Required' },
          startedAt: started,
          startedBy: actor,
          endedAt: status === 'done' ? ended : null,
          reason: 'Error rate above 2× baseline',
          trigger: { alertId: `${region}:error-rate`, regionId: region, title: 'Error rate above 2× baseline', detail: '4.2% against 2%', at: breachAt },
          restoredAt,
          steps: reached.flatMap((r) => ho.packages.map((p) => ({ id: `${r}-${p.name}`, regionId: r, kind: 'rollback', package: p.name, fromVersion: p.newVersion!, toVersion: p.currentVersion ?? null, commandId: 'deploy', argv: [], title: `Roll ${p.name} back in ${r}`, note: null, environment: 'production', state: status === 'done' ? 'done' : 'pending' }))),
        });
      events.push(rollbackEvent(actor, started, plan.id, 'startRollback', run('running', null)));
      reached.forEach((r, i) => {
        const back = ho.packages.filter((p) => p.currentVersion !== undefined).map((p) => ({ name: p.name, version: p.currentVersion! }));
        events.push(deployEvent(actor, started + (i + 1) * 6 * 60_000, plan.id, r, back, ho.id));
      });
      for (const p of ho.packages) if (p.currentVersion !== undefined) running.set(p.name, p.currentVersion);
      events.push(rollbackEvent(actor, restored, plan.id, 'serviceRestored', run('done', restored)));
    }
  }
  return events.sort((a, b) => a.at - b.at);
}

function deployEvent(actor: Actor, at: number, release: string, region: string, versions: { name: string; version: string }[], rollback: string | null): EventOf<'commandExited'> {
  return {
    type: 'commandExited',
    actor,
    at,
    release,
    runKey: rollback === null ? `deploy@${region}` : `rollback-${rollback}@${region}`,
    region,
    step: 'deploy',
    run: null,
    argv: ['deploy', region, ...versions.map((v) => `${v.name}=${v.version}`)],
    exitCode: 0,
    signal: null,
    error: null,
    effects: versions.map((v) => ({ kind: 'version', region, package: v.name, version: v.version })),
    rollback,
  };
}

function rollbackEvent(actor: Actor, at: number, release: string, intent: 'startRollback' | 'serviceRestored', run: RollbackRecord): EventOf<'rollbackChanged'> {
  return { type: 'rollbackChanged', actor, at, release, region: null, step: null, intent, detail: { rollback: run.handoverId }, run };
}

/**
 * The demo's past: about four months of releases ending the Monday before `now`, written once, into a live
 * folder that holds nothing yet. Anything there (a log, or a state file from before the log, which the
 * console migrates on its first start) is the demo's own record and is left alone.
 */
export async function writeDemoHistory(workspace: Workspace, liveDir: string, now: number, clock: Clock): Promise<boolean> {
  if (existsSync(liveDir) && readdirSync(liveDir).length > 0) return false;
  const day = Math.floor(now / DAY) * DAY;
  // Monday 00:00 UTC of this week (1970-01-01 was a Thursday): the same history all week long.
  const monday = day - ((new Date(day).getUTCDay() + 6) % 7) * DAY;
  const events = generateDeliveryHistory({ workspace, until: monday, releases: 34 });
  const repository = await openReleaseRepository(liveDir, clock);
  try {
    await repository.append(events);
  } finally {
    await repository.close();
  }
  return true;
}
