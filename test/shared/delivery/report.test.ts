import { describe, expect, it } from 'vitest';
import type { EventOf, ReleaseDefinition, ReleaseEvent } from '../../../shared/engine/events';
import { RollbackRecord } from '../../../shared/rollback/record';
import { deliveryEventOf, deliveryFacts } from '../../../shared/delivery/facts';
import { deliveryCsv, deliveryReport, type DeliveryQuery } from '../../../shared/delivery/report';

const actor = { name: 'sam', role: 'PE' };
const H = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const WEEK = 7 * 24 * H;

/** A release of one or more handovers, each changing `pkg` to `version`, targeting prod EUW2+EUC1 (and staging S01). */
function defined(release: string, handovers: { id: string; pkg: string; version: string; createdAt?: string }[], at = T0): EventOf<'releaseDefined'> {
  const definition: ReleaseDefinition = {
    id: release,
    title: release,
    type: 'weekly',
    runbook: 'rollout',
    cycleStart: '2026-03-02',
    handovers: handovers.map((h) => ({
      id: h.id,
      title: h.id,
      status: 'Ready for Production',
      ...(h.createdAt ? { createdAt: h.createdAt } : {}),
      packages: [{ name: h.pkg, newVersion: h.version, isNew: false }],
      tickets: [],
      instructions: { pre: [], post: [], sql: [] },
      rollback: [],
    })),
    targets: Object.fromEntries(handovers.map((h) => [h.id, { production: ['EUW2', 'EUC1'], staging: ['S01'] }])),
  };
  return { type: 'releaseDefined', actor, at, release, definition };
}

function deploy(release: string, region: string, pkg: string, version: string, at: number, rollback: string | null = null): EventOf<'commandExited'> {
  return { type: 'commandExited', actor, at, release, runKey: `deploy@${region}`, region, step: 'deploy', run: null, argv: ['deploy'], exitCode: 0, signal: null, error: null, effects: [{ kind: 'version', region, package: pkg, version }], rollback };
}

function rollback(release: string, handover: string, intent: 'startRollback' | 'serviceRestored', at: number, extra: { breachAt?: number; restoredAt?: number } = {}): EventOf<'rollbackChanged'> {
  const run = RollbackRecord.parse({
    handoverId: handover,
    status: intent === 'startRollback' ? 'running' : 'done',
    path: { start: 'Rollout Complete', afterProduction: null, end: 'Production Rollback Required' },
    startedAt: at,
    startedBy: actor,
    reason: 'error rate',
    trigger: extra.breachAt === undefined ? null : { alertId: 'a', regionId: 'EUW2', title: 'Error rate', detail: '', at: extra.breachAt },
    restoredAt: extra.restoredAt ?? null,
    steps: [{ id: 's', regionId: 'EUW2', kind: 'rollback', package: 'api', fromVersion: '2', toVersion: '1', commandId: 'deploy', argv: [], title: 'roll back', note: null, environment: 'production', state: 'done' }],
  });
  return { type: 'rollbackChanged', actor, at, release, region: null, step: null, intent, detail: {}, run };
}

const console_ = (rehearsal: boolean, at: number): EventOf<'consoleStarted'> => ({ type: 'consoleStarted', actor, at, workspace: 'demo', rehearsal });

/** Both production regions, one hour apart: complete at `at + 1h`. */
const toProduction = (release: string, pkg: string, version: string, at: number) => [deploy(release, 'EUW2', pkg, version, at), deploy(release, 'EUC1', pkg, version, at + H)];

const period: DeliveryQuery = { environment: 'production', package: null, since: T0, until: T0 + 2 * WEEK };

function report(events: ReleaseEvent[], query: Partial<DeliveryQuery> = {}) {
  const r = deliveryReport(deliveryFacts(events), { ...period, ...query }, {
    deploymentFrequency: { target: 5, threshold: 1 },
    leadTime: { target: 24, threshold: 168 },
    deploymentFailureRate: { target: 5, threshold: 15 },
    timeToRestore: { target: 1, threshold: 4 },
    changeFailureRate: { target: 10, threshold: 25 },
  });
  return { ...r, value: Object.fromEntries(r.metrics.map((m) => [m.id, m.value])), status: Object.fromEntries(r.metrics.map((m) => [m.id, m.status])) };
}

describe('delivery metrics from the release log', () => {
  it.each([
    ['one region of two is not a deployment', [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), deploy('r1', 'EUW2', 'api', '2', T0 + H)], 0],
    ['the last target region completes it', [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), ...toProduction('r1', 'api', '2', T0 + H)], 1],
    ['staging alone is not production', [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), deploy('r1', 'S01', 'api', '2', T0 + H)], 0],
    ['a release with no definition logged is not counted', [...toProduction('r1', 'api', '2', T0 + H)], 0],
    ['a rollback command reaching the version is not a deploy', [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), deploy('r1', 'EUW2', 'api', '2', T0, 'HO-1'), deploy('r1', 'EUC1', 'api', '2', T0, 'HO-1')], 0],
    ['two handovers of one release are two deployments', [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }, { id: 'HO-2', pkg: 'web', version: '5' }]), ...toProduction('r1', 'api', '2', T0 + H), ...toProduction('r1', 'web', '5', T0 + H)], 2],
  ] as const)('%s', (_name, events, deployments) => {
    expect(report([...events]).counts.deployments).toBe(deployments);
  });

  it('counts deployment frequency per week over the period', () => {
    const events = [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), ...toProduction('r1', 'api', '2', T0 + H), defined('r2', [{ id: 'HO-2', pkg: 'api', version: '3' }]), ...toProduction('r2', 'api', '3', T0 + WEEK + H), defined('r3', [{ id: 'HO-3', pkg: 'api', version: '4' }]), ...toProduction('r3', 'api', '4', T0 + WEEK + 5 * H)];
    const r = report(events);
    expect(r.value.deploymentFrequency).toBe(1.5);
    expect(r.weeks.map((w) => w.values.deploymentFrequency)).toEqual([1, 2]);
    expect(r.status.deploymentFrequency).toBe('threshold');
  });

  it('times lead time from the handover createdAt to production complete, as a median in hours', () => {
    const events = [
      defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2', createdAt: '2026-03-01T00:00:00Z' }, { id: 'HO-2', pkg: 'web', version: '2', createdAt: '2026-03-02T00:00:00Z' }, { id: 'HO-3', pkg: 'db', version: '2' }]),
      ...toProduction('r1', 'api', '2', T0 + H), // 26 h after it was created
      ...toProduction('r1', 'web', '2', T0 + 3 * H), // 4 h
      ...toProduction('r1', 'db', '2', T0 + 3 * H), // no createdAt: not in the median
    ];
    const r = report(events);
    expect(r.value.leadTime).toBe(15);
    expect(r.status.leadTime).toBe('target');
  });

  it('counts a rollback after production complete as a failed change, and one before it as a failed rollout', () => {
    const events = [
      defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }, { id: 'HO-2', pkg: 'web', version: '2' }, { id: 'HO-3', pkg: 'db', version: '2' }]),
      ...toProduction('r1', 'api', '2', T0 + H),
      ...toProduction('r1', 'web', '2', T0 + H),
      deploy('r1', 'EUW2', 'db', '2', T0 + H),
      rollback('r1', 'HO-1', 'startRollback', T0 + 5 * H),
      rollback('r1', 'HO-1', 'startRollback', T0 + 6 * H), // a second start of the same rollback counts once
      rollback('r1', 'HO-3', 'startRollback', T0 + 5 * H),
    ];
    const r = report(events);
    expect(r.counts).toEqual({ deployments: 2, failedChanges: 1, failedRollouts: 1, restores: 0 });
    expect(r.value.changeFailureRate).toBe(50);
    expect(r.value.deploymentFailureRate).toBe(33.33);
    expect(r.status.changeFailureRate).toBe('beyond');
  });

  it('counts a fix-forward decision after production as a failed change, by its type alone', () => {
    const fixForward = deliveryEventOf({ type: 'fixForwardDecided', actor, at: T0 + 9 * H, release: 'r1', handover: 'HO-1', reason: 'config', severity: 'SEV2', deadline: T0 + 12 * H, criteria: ['error-rate'], regions: ['EUW2'], values: [{ region: 'EUW2', criterion: 'error-rate', metric: 'ErrorRate', value: 2.1, threshold: 1, detail: '' }] });
    expect(fixForward).not.toBeNull();
    const events = [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }, { id: 'HO-2', pkg: 'web', version: '2' }]), ...toProduction('r1', 'api', '2', T0 + H), ...toProduction('r1', 'web', '2', T0 + H), fixForward!];
    const r = report(events);
    expect(r.counts.failedChanges).toBe(1);
    expect(r.value.changeFailureRate).toBe(50);
    expect(r.value.deploymentFailureRate).toBe(0);
  });

  it('times recovery from the breach to "Service restored" in hours', () => {
    const events = [
      defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]),
      ...toProduction('r1', 'api', '2', T0 + H),
      rollback('r1', 'HO-1', 'startRollback', T0 + 3 * H, { breachAt: T0 + 2.5 * H }),
      rollback('r1', 'HO-1', 'serviceRestored', T0 + 4 * H, { breachAt: T0 + 2.5 * H, restoredAt: T0 + 4 * H }),
    ];
    const r = report(events);
    expect(r.value.timeToRestore).toBe(1.5);
    expect(r.status.timeToRestore).toBe('threshold');
    expect(report(events, { environment: 'staging' }).counts.restores).toBe(0);
  });

  it('times recovery for a fix forward from the first breach detected in its regions to the fix landing', () => {
    const breach = (region: string, at: number): EventOf<'breachObserved'> => ({ type: 'breachObserved', actor, at, region, alertId: `${region}:error-rate`, title: 'Error rate', level: 'consider', value: 2.4, threshold: 2, since: at });
    const decided = (handover: string, at: number, regions: string[]): EventOf<'fixForwardDecided'> => ({
      type: 'fixForwardDecided', actor, at, release: 'r1', handover, reason: 'config flag', severity: 'SEV2', deadline: at + 4 * H, criteria: ['error-rate'], regions,
      values: regions.map((region) => ({ region, criterion: 'error-rate', metric: 'ErrorRate', value: 2.4, threshold: 2, detail: '' })),
    });
    const events: ReleaseEvent[] = [
      defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }, { id: 'HO-2', pkg: 'web', version: '2' }, { id: 'HO-9', pkg: 'api', version: '3' }]),
      ...toProduction('r1', 'api', '2', T0 + H),
      ...toProduction('r1', 'web', '2', T0 + H),
      breach('EUW2', T0 + 8 * H),
      breach('EUC1', T0 + 8.5 * H),
      decided('HO-1', T0 + 9 * H, ['EUW2', 'EUC1']),
      ...toProduction('r1', 'api', '3', T0 + 10 * H),
      { type: 'fixForwardLanded', actor, at: T0 + 12 * H, release: 'r1', handover: 'HO-1', fixHandover: 'HO-9', regions: ['EUW2', 'EUC1'] },
      // HO-2's fix never lands: its deadline passes, which restores nothing.
      breach('EUC1', T0 + 20 * H),
      decided('HO-2', T0 + 21 * H, ['EUC1']),
      { type: 'fixForwardExpired', actor, at: T0 + 25 * H, release: 'r1', handover: 'HO-2' },
    ];
    const facts = deliveryFacts(events);
    expect(facts.restores).toEqual([{ release: 'r1', handover: 'HO-1', environments: ['production'], breachAt: T0 + 8 * H, restoredAt: T0 + 12 * H, packages: ['api'] }]);
    const r = report(events);
    expect(r.counts).toMatchObject({ failedChanges: 2, restores: 1 });
    expect(r.value.timeToRestore).toBe(4);
    expect(report(events, { environment: 'staging' }).counts.restores).toBe(0);
    expect(report(events, { package: 'web' }).counts.restores).toBe(0);
  });

  it('leaves out everything a rehearsal logged, and commands it withheld', () => {
    const events: ReleaseEvent[] = [
      console_(true, T0),
      defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]),
      ...toProduction('r1', 'api', '2', T0 + H),
      console_(false, T0 + 2 * H),
      defined('r2', [{ id: 'HO-2', pkg: 'web', version: '2' }]),
      { type: 'commandWouldRun', actor, at: T0 + 3 * H, release: 'r2', runKey: 'deploy@EUW2', region: 'EUW2', step: 'deploy', commandId: 'deploy', argv: [], effects: [{ kind: 'version', region: 'EUW2', package: 'web', version: '2' }], rollback: null },
      deploy('r2', 'EUC1', 'web', '2', T0 + 3 * H),
    ];
    expect(report(events).counts.deployments).toBe(0);
  });

  it('filters by package: only handovers that change it', () => {
    const events = [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }, { id: 'HO-2', pkg: 'web', version: '2' }]), ...toProduction('r1', 'api', '2', T0 + H), ...toProduction('r1', 'web', '2', T0 + H), rollback('r1', 'HO-2', 'startRollback', T0 + 5 * H)];
    expect(report(events, { package: 'api' }).counts).toMatchObject({ deployments: 1, failedChanges: 0 });
    expect(report(events, { package: 'web' }).counts).toMatchObject({ deployments: 1, failedChanges: 1 });
    expect(report(events, { package: 'nope' }).counts.deployments).toBe(0);
  });

  it('counts a deployment completing at the period start and not one completing at its end', () => {
    const events = [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2' }]), ...toProduction('r1', 'api', '2', T0 - H), defined('r2', [{ id: 'HO-2', pkg: 'api', version: '3' }]), ...toProduction('r2', 'api', '3', T0 + 2 * WEEK - H)];
    expect(report(events).counts.deployments).toBe(1);
    expect(report(events, { until: T0 + 2 * WEEK + 1 }).counts.deployments).toBe(2);
    expect(report(events, { since: T0 + 1, until: T0 + 2 * WEEK + 1 }).counts.deployments).toBe(1);
  });

  it('says no data, not zero, for a period with nothing to count', () => {
    const r = report([]);
    expect(r.value).toEqual({ deploymentFrequency: 0, leadTime: null, deploymentFailureRate: null, timeToRestore: null, changeFailureRate: null });
    expect(r.status.leadTime).toBe('no data');
    expect(() => deliveryReport(deliveryFacts([]), { ...period, until: T0 })).toThrow(/must end after it starts/);
  });

  it('writes the CSV with the numbers of the report, the whole period first', () => {
    const events = [defined('r1', [{ id: 'HO-1', pkg: 'api', version: '2', createdAt: '2026-03-01T00:00:00Z' }]), ...toProduction('r1', 'api', '2', T0 + H)];
    const r = deliveryReport(deliveryFacts(events), period, { leadTime: { target: 24, threshold: 168 } });
    const lines = deliveryCsv(r).trimEnd().split('\r\n');
    expect(lines[0]).toBe('since,until,environment,package,metric,unit,value,target,threshold');
    expect(lines[2]).toBe('2026-03-02T00:00:00.000Z,2026-03-16T00:00:00.000Z,production,,leadTime,hours,26,24,168');
    expect(lines).toHaveLength(1 + 5 + 2 * 5);
  });
});

describe('the period a report may cover', () => {
  it.each([
    [T0, T0, /must end after it starts/],
    [T0, T0 + 5_219 * WEEK, /longer than a century/],
    [8_640_000_000_000_001, T0, /not two instants a calendar has/],
  ])('refuses %d to %d, saying why', (since, until, message) => {
    expect(() => deliveryReport(deliveryFacts([]), { ...period, since, until })).toThrow(message);
  });
});
