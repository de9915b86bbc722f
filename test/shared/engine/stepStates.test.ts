import { beforeAll, describe, expect, test } from 'vitest';
import { computeStepState, computeStepStates, evaluateStepInstance } from '../../../shared/engine/stepStates';
import { releasePackages } from '../../../shared/engine/stepPackages';
import { emptyProgress, instanceKey } from '../../../shared/engine/progress';
import type { ReleaseProgress } from '../../../shared/engine/progress';
import { checkOverride } from '../../../shared/engine/override';
import { checkApprover } from '../../../shared/engine/approval';
import { gateDeadline, gateStatuses } from '../../../shared/engine/gates';
import type { Release, Step, Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;
let product: Release;
let emergency: Release;
beforeAll(async () => {
  demo = await loadTemplate('demo');
  // The sprint's release through all five gates (the demo's default release runs gate 5 alone), with
  // HO-1242 still waiting for its PE review.
  const sprint = demo.releases.find((r) => r.id === '2026-03-product-rollout') as Release;
  product = { ...sprint, runbook: 'product-release', handovers: sprint.handovers.map((ho) => (ho.id === 'HO-1242' ? { ...ho, status: 'Ready for P.E Review' } : ho)) };
  emergency = demo.releases.find((r) => r.id === '2026-03-emergency-sip') as Release;
});

/** Everything done except the listed steps (in every region). */
function doneExcept(release: Release, open: string[], maintenance: Record<string, boolean> = {}): ReleaseProgress {
  const progress = emptyProgress();
  for (const s of computeStepStates({ workspace: demo, release, progress, now: 0 })) {
    if (!open.includes(s.stepId)) progress.steps[s.key] = { status: 'done', at: at('2026-03-20T09:00:00Z'), by: 'alice' };
  }
  progress.maintenance = maintenance;
  return progress;
}

const EU_FIRST = ['eu-first-baseline', 'eu-first-maintenance-on', 'eu-first-deploy', 'eu-first-check-versions', 'eu-first-metric-gate', 'eu-first-maintenance-off', 'eu-first-soak', 'eu-rest-baseline', 'eu-rest-maintenance-on', 'eu-rest-deploy', 'eu-rest-check-versions', 'eu-rest-metric-gate', 'eu-rest-maintenance-off', 'qa-post-rollout', 'final-check-versions', 'mark-rollout-complete'];

describe('the step engine on the demo release', () => {
  test('computes a state for every step × region, and only the first steps are ready at the start', () => {
    const states = computeStepStates({ workspace: demo, release: product, progress: emptyProgress(), now: at('2026-03-02T09:00:00Z') });
    expect(states.length).toBeGreaterThan(50);
    expect(new Set(states.map((s) => s.key)).size).toBe(states.length);
    expect(states.filter((s) => s.state.status === 'ready').map((s) => s.stepId)).toEqual(['git-finish']);
    const waiting = states.find((s) => s.stepId === 'create-handover');
    expect(waiting?.state).toMatchObject({ status: 'blocked', opensAt: null, reasons: ['Waits for "Developer git finishes changes after testing" to be done.'] });
  });

  test.each([
    ['2026-03-20T17:59:00Z', 'blocked', '2026-03-20T18:00:00Z'],
    ['2026-03-20T18:00:00Z', 'ready', null],
    ['2026-07-17T16:59:00Z', 'blocked', '2026-07-17T17:00:00Z'],
    ['2026-07-17T17:00:00Z', 'ready', null],
  ])('the EUW2 maintenance-on step at %s is %s (opens %s)', (instant, status, opensAt) => {
    const state = computeStepState({ workspace: demo, release: product, progress: doneExcept(product, EU_FIRST.slice(1)), now: at(instant) }, 'eu-first-maintenance-on', 'EUW2');
    expect(state?.status).toBe(status);
    if (state?.status === 'blocked') {
      expect(iso(state.opensAt)).toBe(opensAt);
      expect(state.waitsForAction).toBe(false);
      expect(state.reasons).toEqual([`EUW2 deploys open after 18:00 London (17:59 now).`]);
    }
  });

  test('a step whose window has shut for the day says when it next opens, not only "not today"', () => {
    // USE2's window is before 14:00 London: at 15:00 on Friday it next opens at Saturday's midnight.
    const state = computeStepState({ workspace: demo, release: product, progress: doneExcept(product, ['regional-maintenance-on']), now: at('2026-03-20T15:00:00Z') }, 'regional-maintenance-on', 'USE2');
    expect(state?.status).toBe('blocked');
    if (state?.status === 'blocked') {
      expect(state.opensAt).toBeNull();
      expect(iso(state.nextOpensAt ?? null)).toBe('2026-03-21T00:00:00Z');
      expect(state.reasons.join(' ')).toContain('next opening Sat 21 Mar 00:00 London');
    }
  });

  test('a step that waits for an earlier one still says when its own window opens', () => {
    const waiting = computeStepState({ workspace: demo, release: product, progress: doneExcept(product, EU_FIRST), now: at('2026-03-20T10:55:00Z') }, 'eu-first-maintenance-on', 'EUW2');
    expect(waiting?.status).toBe('blocked');
    if (waiting?.status === 'blocked') {
      expect(waiting.opensAt).toBeNull();
      expect(iso(waiting.windowOpensAt ?? null)).toBe('2026-03-20T18:00:00Z');
      expect(waiting.waitsForAction).toBe(true);
      expect(waiting.waitsOnlyForSteps).toBe(false);
      expect(waiting.reasons[0]).toMatch(/^Waits for "Capture baseline — first EU region/);
    }
    // After 18:00 the window is open: only the earlier step is in the way.
    const later = computeStepState({ workspace: demo, release: product, progress: doneExcept(product, EU_FIRST), now: at('2026-03-20T18:05:00Z') }, 'eu-first-maintenance-on', 'EUW2');
    expect(later).toMatchObject({ status: 'blocked', windowOpensAt: null, waitsOnlyForSteps: true });
  });

  test('blocks the EUW2 deploy until maintenance mode is on, because RT packages need it', () => {
    const input = { workspace: demo, release: product, progress: doneExcept(product, EU_FIRST.slice(2)), now: at('2026-03-20T18:05:00Z') };
    const off = computeStepState(input, 'eu-first-deploy', 'EUW2');
    expect(off).toMatchObject({ status: 'blocked', opensAt: null, waitsForAction: true, override: null });
    if (off?.status === 'blocked') expect(off.reasons[0]).toMatch(/^rt-media-gateway, transcribed, stats-transcribed need EUW2 in maintenance mode/);
    input.progress.maintenance = { EUW2: true };
    expect(computeStepState(input, 'eu-first-deploy', 'EUW2')).toMatchObject({ status: 'ready' });
  });

  test('holds the next EU region until EUW2 has soaked for 15 minutes', () => {
    const progress = doneExcept(product, EU_FIRST.slice(6));
    progress.steps[instanceKey('eu-first-maintenance-off', 'EUW2')] = { status: 'done', at: at('2026-03-20T18:40:00Z') };
    const soaking = computeStepState({ workspace: demo, release: product, progress, now: at('2026-03-20T18:50:00Z') }, 'eu-first-soak', 'EUW2');
    expect(soaking).toMatchObject({ status: 'blocked' });
    if (soaking?.status === 'blocked') expect(iso(soaking.opensAt)).toBe('2026-03-20T18:55:00Z');
    // Said as the seed says it, with the day it ends: a 24-hour soak (seed 002) ends on another day.
    if (soaking?.status === 'blocked') expect(soaking.reasons).toEqual(['Soaking for 15 minutes: it ends Fri 20 Mar 18:55 London.']);
    expect(computeStepState({ workspace: demo, release: product, progress, now: at('2026-03-20T18:55:00Z') }, 'eu-first-soak', 'EUW2')?.status).toBe('done');
    expect(computeStepState({ workspace: demo, release: product, progress, now: at('2026-03-20T18:55:00Z') }, 'eu-rest-baseline', 'EUC1')?.status).toBe('ready');
  });

  test.each([
    ['running', 'running'],
    ['failed', 'failed'],
    ['done', 'done'],
  ] as const)('shows a %s record as %s', (record, status) => {
    const progress = emptyProgress();
    progress.steps[instanceKey('git-finish', null)] = { status: record, at: 1 };
    expect(computeStepState({ workspace: demo, release: product, progress, now: 2 }, 'git-finish', null)?.status).toBe(status);
  });

  test('leaves packages of failed handovers out of the release', () => {
    const failed: Release = { ...product, handovers: product.handovers.map((ho) => (ho.id === 'HO-1242' ? { ...ho, status: 'Failed P.E Review' } : ho)) };
    expect(releasePackages(failed)).not.toContain('voicemail-service');
    expect(releasePackages(product)).toContain('voicemail-service');
  });
});

describe('overrides', () => {
  const request = { stepId: 'emergency-deploy', region: 'EUW2', reason: 'SIP proxy crashing in EUW2', approvers: [{ name: 'Olu', role: 'on-call PE' }], by: 'dana' };

  test.each([
    [{ reason: '' }, /needs a reason/],
    [{ approvers: [] }, /needs approval from 1 more on-call PE/],
    [{ approvers: [{ name: 'Olu', role: 'PE' }] }, /needs approval from 1 more on-call PE/],
    [{}, null],
  ])('checks an emergency override with %j', (change, error) => {
    const input = { workspace: demo, release: emergency, progress: doneExcept(emergency, ['emergency-deploy'], { EUW2: true }), now: at('2026-03-11T10:00:00Z') };
    const evaluation = evaluateStepInstance(input, 'emergency-deploy', 'EUW2');
    if (!evaluation) throw new Error('no evaluation');
    const result = checkOverride(evaluation, { ...request, ...change }, input.now);
    if (error) expect(result).toMatchObject({ ok: false, error: expect.stringMatching(error) });
    else {
      expect(result.ok).toBe(true);
      if (result.ok) {
        input.progress.overrides.push(result.record);
        expect(computeStepState(input, 'emergency-deploy', 'EUW2')).toMatchObject({ status: 'ready', override: { reason: 'SIP proxy crashing in EUW2', approvers: request.approvers } });
      }
    }
  });

  test('refuses to override a product release window, which no rule lets anyone override', () => {
    const input = { workspace: demo, release: product, progress: doneExcept(product, EU_FIRST.slice(1)), now: at('2026-03-20T17:00:00Z') };
    const evaluation = evaluateStepInstance(input, 'eu-first-maintenance-on', 'EUW2');
    if (!evaluation) throw new Error('no evaluation');
    expect(checkOverride(evaluation, { ...request, stepId: 'eu-first-maintenance-on' }, input.now)).toMatchObject({ ok: false, error: expect.stringMatching(/cannot be overridden: EUW2 deploys open after 18:00/) });
  });

  test('never lets an override skip maintenance mode', () => {
    const input = { workspace: demo, release: emergency, progress: doneExcept(emergency, ['emergency-deploy'], { EUW2: false }), now: at('2026-03-11T10:00:00Z') };
    const evaluation = evaluateStepInstance(input, 'emergency-deploy', 'EUW2');
    if (!evaluation) throw new Error('no evaluation');
    expect(checkOverride(evaluation, request, input.now)).toMatchObject({ ok: false, error: expect.stringMatching(/maintenance mode/) });
  });
});

describe('approvals', () => {
  test.each([
    [{ name: 'alice', role: 'PE' }, /alice did "write-prod-cr" and cannot also approve/],
    [{ name: 'bob', role: 'QA' }, /needs approval from PE, not QA/],
    [{ name: 'bob', role: 'PE' }, null],
  ])('a 2nd PE review by %j', (approver, error) => {
    const progress = doneExcept(product, ['review-prod-cr']);
    const step = demo.runbooks.flatMap((r) => r.gates.flatMap((g) => g.steps)).find((s) => s.id === 'review-prod-cr') as Extract<Step, { kind: 'approval' }>;
    // Named for a person: the excluded step by its title when the caller can look it up.
    if (approver.name === 'alice') {
      expect(checkApprover(step, { ...approver, at: 1 }, null, progress, () => 'PE writes Production CR instructions')).toMatchObject({ ok: false, error: expect.stringMatching(/^alice did "PE writes Production CR instructions" and cannot also approve/) });
    }
    const result = checkApprover(step, { ...approver, at: 1 }, null, progress);
    if (error) expect(result).toMatchObject({ ok: false, error: expect.stringMatching(error) });
    else {
      expect(result).toEqual({ ok: true });
      progress.approvals[instanceKey('review-prod-cr', null)] = [{ ...approver, at: 5 }];
      expect(computeStepState({ workspace: demo, release: product, progress, now: 10 }, 'review-prod-cr', null)).toMatchObject({ status: 'done', by: 'bob' });
    }
  });
});

describe('an approval as a prerequisite', () => {
  test('unblocks the steps after it once its approvals are in, though no record says "done"', () => {
    const progress = doneExcept(product, ['review-prod-cr', 'sdc-baseline']);
    const before = computeStepState({ workspace: demo, release: product, progress, now: 10 }, 'sdc-baseline', 'S01');
    expect(before).toMatchObject({ status: 'blocked', reasons: [expect.stringMatching(/Waits for "2nd PE reviews Production instructions"/)] });
    progress.approvals[instanceKey('review-prod-cr', null)] = [{ name: 'bob', role: 'PE', at: 5 }];
    expect(computeStepState({ workspace: demo, release: product, progress, now: 10 }, 'sdc-baseline', 'S01')?.status).toBe('ready');
  });
});

describe('maintenance mode and the sibling region', () => {
  test('refuses maintenance mode in S02 while its sibling S01 is in maintenance, and allows it once S01 is back', () => {
    const progress = doneExcept(product, ['sdc-maintenance-on', 'sdc-deploy', 'sdc-check-versions', 'sdc-metric-gate', 'sdc-maintenance-off'], { S01: true });
    const now = at('2026-03-19T10:55:00Z');
    const blocked = computeStepState({ workspace: demo, release: product, progress, now }, 'sdc-maintenance-on', 'S02');
    expect(blocked).toMatchObject({ status: 'blocked', override: null, reasons: ['S01 is itself in maintenance mode and cannot take S02\'s traffic; disable maintenance mode in S01 first.'] });
    progress.maintenance = { S01: false };
    expect(computeStepState({ workspace: demo, release: product, progress, now }, 'sdc-maintenance-on', 'S02')?.status).toBe('ready');
  });
});

describe('gate deadlines on the sprint calendar', () => {
  test.each([
    // gate, March sprint (GMT), June sprint (BST: an hour earlier in UTC)
    ['git-finish', '2026-03-11T17:00:00Z', '2026-06-10T16:00:00Z'],
    ['assign-cr', '2026-03-12T15:00:00Z', '2026-06-11T14:00:00Z'],
    ['stage-rollout', '2026-03-13T15:00:00Z', '2026-06-12T14:00:00Z'],
    ['prod-cr-ready', '2026-03-17T10:00:00Z', '2026-06-16T09:00:00Z'],
    ['rollout-complete', '2026-03-20T10:00:00Z', '2026-06-19T09:00:00Z'],
  ])('puts the %s deadline at %s for a sprint from 2 March and %s for one from 1 June', (gateId, march, june) => {
    const gate = demo.runbooks.find((r) => r.id === 'product-release')?.gates.find((g) => g.id === gateId);
    if (!gate?.deadline) throw new Error('no deadline');
    expect(iso(gateDeadline('2026-03-02', gate.deadline))).toBe(march);
    expect(iso(gateDeadline('2026-06-01', gate.deadline))).toBe(june);
  });

  test('removes an HO that is not Ready for Production by Gate 4', () => {
    const runbook = demo.runbooks.find((r) => r.id === 'product-release');
    if (!runbook) throw new Error('no runbook');
    const before = gateStatuses(product, runbook, at('2026-03-17T09:59:00Z')).find((g) => g.gateId === 'prod-cr-ready');
    const after = gateStatuses(product, runbook, at('2026-03-17T10:00:00Z')).find((g) => g.gateId === 'prod-cr-ready');
    expect(before).toMatchObject({ missed: false, handoversToRemove: [] });
    expect(after).toMatchObject({ missed: true, handoversToRemove: ['HO-1242'] });
    expect(after?.consequence).toMatch(/^HO-1242 was not "Ready for Production" by the Gate 4: Prod CR Ready deadline\. The HO is unlinked from the production release\.$/);
  });
});
