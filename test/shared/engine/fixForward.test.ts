// Issue 19 item 1, "The decision on a breach": fixing forward instead of rolling back, decided in
// shared/engine/decideFixForward.ts on the real seed workspaces (seed 002's allows it, seed 000's demo does not).
import { beforeAll, describe, expect, test } from 'vitest';
import type { MetricsAlert } from '../../../shared/api/metrics';
import { decide, type Decision, type EngineState } from '../../../shared/engine/decide';
import { applyEvents, initialState, recordOf } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import type { Actor, ConsoleState } from '../../../shared/engine/state';
import type { Workspace } from '../../../shared/workspace/workspace';
import { fixForwardLine, fixForwardLineInstants } from '../../../shared/rollback/fixForward';
import { at, loadTemplate } from '../loadTemplate';

const NOW = at('2026-03-03T10:40:00Z');
const ONCALL: Actor = { name: 'oren', role: 'on-call engineer' };
const RELEASE = 'app-v1.2.3';
let seed002: Workspace;
let demo: Workspace;

beforeAll(async () => {
  seed002 = await loadTemplate('blue-green-governed');
  demo = await loadTemplate('demo');
});

/** A breach as main's metrics service raises it, naming the handovers deployed where it breached. */
function breach(regionId: string, criterionId: string, level: 'immediate' | 'consider', handovers: string[], value = 8, threshold = 0.5): MetricsAlert {
  return { id: `${regionId}/${criterionId}`, regionId, criterionId, level, title: criterionId, metricId: 'errorRate', value, threshold, sinceMs: NOW - 16 * 60_000, handovers, action: `Roll back ${handovers.join(', ')}`, active: true };
}

function engine(state: ConsoleState, alerts: MetricsAlert[]): EngineState {
  const metrics: EngineState['metrics'] = {};
  for (const alert of alerts) {
    const region = metrics[alert.regionId];
    (metrics as Record<string, unknown>)[alert.regionId] = { at: NOW, periodMs: 60_000, freshness: 'fresh', alerts: [...(region?.alerts ?? []), alert], healthyMinutes: 0, detail: '' };
  }
  return { ...state, metrics };
}

const ERROR_SPIKE = breach('production', 'error-rate-over-baseline', 'consider', ['HO-1']);
const fixForward = (over: Partial<Extract<Intent, { kind: 'fixForward' }>> = {}): Extract<Intent, { kind: 'fixForward' }> => ({ kind: 'fixForward', release: RELEASE, handover: 'HO-1', reason: 'FEATURE_X flag left on in production config', severity: 'SEV-2', ...over });

function refusalOf(decision: Decision): string | null {
  return decision.allowed ? null : decision.message;
}

describe('deciding to fix a breach forward', () => {
  const cases: { name: string; workspace: () => Workspace; intent: Intent; alerts: MetricsAlert[]; actor?: Actor; refused: string }[] = [
    {
      name: "seed 000's demo never fixes forward: a failure rolls the whole handover back",
      workspace: () => demo,
      intent: { ...fixForward(), release: '2026-03-product-rollout', handover: 'HO-1234' },
      alerts: [breach('EUW2', 'consider-error-rate', 'consider', ['HO-1234'])],
      refused: 'This workspace does not fix forward: a breach rolls HO-1234 back (rollback.yaml names no fixForward).',
    },
    {
      name: 'a criterion marked immediate is rolled back, no discussion',
      workspace: () => seed002,
      intent: fixForward(),
      alerts: [ERROR_SPIKE, breach('production', 'p95-over-slo', 'immediate', ['HO-1'], 420, 360)],
      refused: 'production: "p95-over-slo" is an immediate rollback (no discussion); HO-1 cannot be fixed forward.',
    },
    {
      name: 'only those with rollback authority decide it (seed 002: the on-call engineer, the Governance Sentinel)',
      workspace: () => seed002,
      intent: fixForward(),
      alerts: [ERROR_SPIKE],
      actor: { name: 'dana', role: 'deployment engineer' },
      refused: 'Fixing forward is decided by Governance Sentinel or on-call engineer; dana is signed in as deployment engineer.',
    },
    { name: 'a reason is required', workspace: () => seed002, intent: fixForward({ reason: '   ' }), alerts: [ERROR_SPIKE], refused: 'Fixing HO-1 forward needs a reason: it goes into the incident record.' },
    { name: "the severity is one of the workspace's scale", workspace: () => seed002, intent: fixForward({ severity: 'SEV2' }), alerts: [ERROR_SPIKE], refused: 'Severity "SEV2" is not on this workspace\'s scale: SEV-1, SEV-2, SEV-3, SEV-4.' },
    { name: 'there must be a breach on the handover to answer', workspace: () => seed002, intent: fixForward(), alerts: [], refused: 'There is no active breach on HO-1 to fix forward.' },
    { name: 'a handover that is not in the release', workspace: () => seed002, intent: fixForward({ handover: 'HO-9' }), alerts: [ERROR_SPIKE], refused: 'There is no handover HO-9 in app-v1.2.3.' },
  ];

  test.each(cases)('refuses: $name', ({ workspace, intent, alerts, actor, refused }) => {
    expect(refusalOf(decide(intent, engine(initialState(), alerts), NOW, actor ?? ONCALL, workspace()))).toBe(refused);
  });

  test("records who, why, the severity, the metric values at the decision and a deadline an hour on (seed 002's first hour)", () => {
    const decision = decide(fixForward(), engine(initialState(), [ERROR_SPIKE]), NOW, ONCALL, seed002);
    expect(decision.allowed).toBe(true);
    if (!decision.allowed) return;
    expect(decision.events).toEqual([
      {
        type: 'fixForwardDecided',
        actor: ONCALL,
        at: NOW,
        release: RELEASE,
        handover: 'HO-1',
        reason: 'FEATURE_X flag left on in production config',
        severity: 'SEV-2',
        deadline: at('2026-03-03T11:40:00Z'),
        criteria: ['error-rate-over-baseline'],
        regions: ['production'],
        values: [{ region: 'production', criterion: 'error-rate-over-baseline', metric: 'errorRate', value: 8, threshold: 0.5, detail: 'Error rate 8% against a threshold of 0.5%' }],
      },
    ]);
    const state = applyEvents(initialState(), decision.events);
    expect(recordOf(state, RELEASE).fixForwards['HO-1']).toMatchObject({ status: 'fixing', decidedBy: { name: 'oren', role: 'on-call engineer' }, severity: 'SEV-2' });
    expect(refusalOf(decide(fixForward(), engine(state, [ERROR_SPIKE]), NOW + 60_000, ONCALL, seed002))).toBe('HO-1 is already being fixed forward (SEV-2), decided by oren; deadline 11:40 UTC.');
  });
});

describe('a fix forward ends: expired at its deadline, or landed', () => {
  function fixing(workspace: Workspace): ConsoleState {
    const decision = decide(fixForward(), engine(initialState(), [ERROR_SPIKE]), NOW, ONCALL, workspace);
    if (!decision.allowed) throw new Error(decision.message);
    return applyEvents(initialState(), decision.events);
  }
  const deadline = at('2026-03-03T11:40:00Z');
  const system: Actor = { name: 'console', role: 'system' };

  test('expires only once the clock reaches the deadline, then the rollback is the answer left', () => {
    const state = fixing(seed002);
    const expiring: Intent = { kind: 'fixForwardExpiring', release: RELEASE, handover: 'HO-1' };
    const early = decide(expiring, engine(state, [ERROR_SPIKE]), deadline - 60_000, system, seed002);
    expect(refusalOf(early)).toBe("HO-1's fix forward has until 11:40 UTC.");
    expect(early.allowed ? null : early.opensAt).toBe(deadline);
    // The instant it names, for a desk to read in its own zone.
    expect(early.allowed ? null : early.instants).toEqual([{ at: deadline, words: '11:40 UTC' }]);
    // The alert's line names the same deadline, and says which words, for a desk to read in its own zone.
    const record = recordOf(state, RELEASE).fixForwards['HO-1']!;
    expect(fixForwardLine(record)).toBe('Fixing forward (SEV-2) — decided by oren, deadline 11:40 UTC');
    expect(fixForwardLineInstants(record)).toEqual([{ at: deadline, words: '11:40 UTC' }]);
    const due = decide(expiring, engine(state, [ERROR_SPIKE]), deadline, system, seed002);
    expect(due.allowed && due.events).toEqual([{ type: 'fixForwardExpired', actor: system, at: deadline, release: RELEASE, handover: 'HO-1' }]);
    const expired = applyEvents(state, due.allowed ? due.events : []);
    expect(recordOf(expired, RELEASE).fixForwards['HO-1']).toMatchObject({ status: 'expired', endedAt: deadline });
    expect(refusalOf(decide(fixForward(), engine(expired, [ERROR_SPIKE]), deadline + 60_000, ONCALL, seed002))).toBe("HO-1's fix forward expired at 11:40 UTC without a fix landing; roll it back.");
  });

  test('a rollback chosen instead ends the fix forward: it neither expires nor lands after it', () => {
    const fixingState = fixing(seed002);
    // HO-1 runs in production (seed 002's walk left green serving v1.2.3): the rollback has a plan.
    const state = { ...fixingState, world: { ...fixingState.world, deployed: { production: { app: 'v1.2.3' } } } };
    const rollback = decide({ kind: 'startRollback', release: RELEASE, handover: 'HO-1', confirm: 'HO-1' }, engine(state, [ERROR_SPIKE]), NOW + 10 * 60_000, ONCALL, seed002);
    expect(refusalOf(rollback)).toBeNull();
    const rolledBack = applyEvents(state, rollback.allowed ? rollback.events : []);
    expect(refusalOf(decide({ kind: 'fixForwardExpiring', release: RELEASE, handover: 'HO-1' }, engine(rolledBack, [ERROR_SPIKE]), deadline, system, seed002))).toBe('HO-1 is rolled back instead; its fix forward ended with the rollback.');
  });

  test('lands when a handover that fixes HO-1 runs in the breached region and the metrics stayed back for the recovery minutes', () => {
    const release = seed002.releases[0]!;
    const hotfix = { ...release, id: 'app-v1.2.4', type: 'sev1-hotfix', handovers: [{ ...release.handovers[0]!, id: 'HO-2', title: 'hotfix v1.2.4', fixes: 'HO-1', packages: [{ ...release.handovers[0]!.packages[0]!, currentVersion: 'v1.2.3', newVersion: 'v1.2.4' }] }] };
    const workspace: Workspace = { ...seed002, releases: [release, hotfix] };
    const state = fixing(workspace);
    const landing = (over: Partial<Extract<Intent, { kind: 'fixForwardLanding' }>> = {}): Intent => ({ kind: 'fixForwardLanding', release: RELEASE, handover: 'HO-1', fixHandover: 'HO-2', at: NOW + 20 * 60_000, healthySince: NOW + 10 * 60_000, ...over });
    const later = NOW + 21 * 60_000;
    expect(refusalOf(decide(landing(), engine(state, []), later, system, workspace))).toBe('HO-2 does not fix HO-1, or is not deployed in production.');

    const deployed = { ...state, world: { ...state.world, deployed: { production: { app: 'v1.2.4' } } } };
    expect(refusalOf(decide(landing({ at: NOW + 12 * 60_000 }), engine(deployed, []), later, system, workspace))).toBe('The metrics must be back under the rollback criteria for 5 minutes before the fix counts as landed.');
    // Recovered two minutes past the deadline: both instants are named, in the sentence's order, for a desk to read in its zone.
    const late = decide(landing({ healthySince: deadline - 10 * 60_000, at: deadline + 2 * 60_000 }), engine(deployed, []), deadline + 3 * 60_000, system, workspace);
    expect(late).toMatchObject({ allowed: false, code: 'blocked', message: "HO-1's fix recovered at 11:42 UTC, after its deadline of 11:40 UTC.", instants: [{ at: deadline + 2 * 60_000, words: '11:42 UTC' }, { at: deadline, words: '11:40 UTC' }] });
    const landed = decide(landing(), engine(deployed, []), later, system, workspace);
    expect(landed.allowed && landed.events).toEqual([{ type: 'fixForwardLanded', actor: system, at: later, release: RELEASE, handover: 'HO-1', fixHandover: 'HO-2', regions: ['production'] }]);
    const after = applyEvents(deployed, landed.allowed ? landed.events : []);
    expect(recordOf(after, RELEASE).fixForwards['HO-1']).toMatchObject({ status: 'landed', fixHandover: 'HO-2', endedAt: later });
  });
});
