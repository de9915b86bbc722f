import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../../shared/engine/decide';
import { ReleaseEvent } from '../../../shared/engine/events';
import { applyEvents, initialState } from '../../../shared/engine/fold';
import type { Intent } from '../../../shared/engine/intents';
import type { ConsoleState } from '../../../shared/engine/state';
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
