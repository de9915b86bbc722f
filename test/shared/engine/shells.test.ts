import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import { emptyReleaseRecord, type ConsoleState } from '../../../shared/engine/state';
import { buildRollbackPlan } from '../../../shared/rollback/plan';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, loadTemplate } from '../loadTemplate';

const R = '2026-03-product-rollout';
const NOW = at('2026-03-19T11:05:00Z');
const alice = { name: 'alice', role: 'PE' };
const HASH = 'a'.repeat(64);

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

function apply(state: ConsoleState, intent: Intent): ConsoleState {
  const decision = decide(intent, { ...state, metrics: {} }, NOW, alice, demo);
  if (!decision.allowed) throw new Error(decision.message);
  for (const event of decision.events) ReleaseEvent.parse(event);
  return applyEvents(state, decision.events);
}

const opened = (release: string | null): Intent => ({ kind: 'shellOpened', sessionId: 'term-3', region: 'S01', transcript: 'shell-1-term-3', title: 'S01 terminal', release });
const closed = (sha256 = HASH): Intent => ({ kind: 'shellClosed', sessionId: 'term-3', transcript: 'shell-1-term-3', exitCode: 0, signal: null, bytes: 12, sha256 });

describe('a console shell in the record (issue 16)', () => {
  it("puts a shell under the release in use, who opened it and where, and its close with the transcript's size and hash", () => {
    const state = apply(apply(initialState(), opened(R)), closed());
    expect(state.releases[R]!.shells).toEqual([
      { transcript: 'shell-1-term-3', sessionId: 'term-3', regionId: 'S01', title: 'S01 terminal', openedBy: alice, openedAt: NOW, closedAt: NOW, exitCode: 0, signal: null, bytes: 12, sha256: HASH },
    ]);
  });

  it.each([
    ['no release in use', null],
    ['a release the workspace does not have', 'no-such-release'],
  ])('logs a shell opened with %s, under no release', (_name, release) => {
    const decision = decide(opened(release), { ...initialState(), metrics: {} }, NOW, alice, demo);
    expect(decision.allowed && decision.events).toMatchObject([{ type: 'shellOpened', release: null, region: 'S01', actor: alice }]);
    expect(apply(apply(initialState(), opened(release)), closed()).releases).toEqual({});
  });

  it('refuses a close whose hash is not a SHA-256', () => {
    const decision = decide(closed('not-a-hash'), { ...initialState(), metrics: {} }, NOW, alice, demo);
    expect(decision.allowed).toBe(false);
  });
});

/**
 * A tool typed into a console shell that is a rollback's step, or a step in a region another run holds: before,
 * both were allowed at once (no "run anyway?", nothing refused on record), so a QA persona rolled production
 * back from a shell though rollback.yaml names PE and on-call PE, and a shell changed a region while a deploy
 * held it (issue 15's leases: a deploy and a rollback never interleave).
 */
describe('a rollback or a held region typed into a console shell', () => {
  const quinn = { name: 'quinn', role: 'QA' };
  /** HO-1234 running at its new versions in S01, as its deploy left them. */
  const deployedInS01 = (): ConsoleState => {
    const state = initialState();
    return { ...state, world: { ...state.world, deployed: { ...state.world.deployed, S01: { 'rt-media-gateway': '4.13.0', 'routing-engine': '2.9.0', 'cdr-export-lambda': '1.0.0' } } } };
  };
  const rollbackArgv = (state: ConsoleState): string[] => {
    const release = demo.releases.find((r) => r.id === R)!;
    const plan = buildRollbackPlan(demo, release, { ...state.releases[R], ...emptyReleaseRecord(), ...state.world }, 'HO-1234');
    // Its own command, `deploy rollback …` (its maintenance steps are the forward steps' commands too).
    const step = plan.regions.find((r) => r.regionId === 'S01')?.steps.find((s) => s.argv[1] === 'rollback');
    if (!step) throw new Error(`HO-1234's rollback has no step in S01: ${JSON.stringify(plan.flags)}`);
    return step.argv;
  };
  const typed = (argv: string[]): Intent => ({ kind: 'shellCommand', release: R, region: 'S01', argv, rehearsal: false });
  const held = (state: ConsoleState): ConsoleState => ({
    ...state,
    leases: { S01: { region: 'S01', holder: { name: 'bob', role: 'PE' }, release: R, run: 'sdc-deploy@S01', purpose: 'the deploy "Deploy — SDC/LON"', since: NOW - 60_000, expiresAt: NOW + 60_000, takenOverFrom: null } },
  });

  it('runs the rollback command of someone in the rollback roles at once', () => {
    const state = deployedInS01();
    const decision = decide(typed(rollbackArgv(state)), { ...state, metrics: {} }, NOW, alice, demo);
    expect(decision.allowed ? decision.events.map((e) => e.type) : decision.message).toEqual(['shellCommandAllowed']);
  });

  it("asks QA, who is not in rollback.yaml's roles, with the reason", () => {
    const state = deployedInS01();
    const decision = decide(typed(rollbackArgv(state)), { ...state, metrics: {} }, NOW, quinn, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'blocked', reasons: ['A rollback is run by on-call PE or PE; quinn is signed in as QA.'] });
  });

  it('asks when another run holds the region, naming who holds it', () => {
    const state = held(deployedInS01());
    const decision = decide(typed(rollbackArgv(state)), { ...state, metrics: {} }, NOW, alice, demo);
    expect(decision).toMatchObject({ allowed: false, code: 'conflict', reasons: [expect.stringMatching(/^S01 is held by bob \(PE\) for the deploy "Deploy — SDC\/LON" since 11:04 UTC, until 11:06 UTC\.$/)] });
    // A read-only command changes nothing: it runs whoever holds the region.
    const status = decide(typed(['maintenance', 'status', '--region', 'S01']), { ...state, metrics: {} }, NOW, alice, demo);
    expect(status.allowed).toBe(true);
  });
});
