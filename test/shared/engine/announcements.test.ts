// Issue 19 item 5: posting an announcement is decided like any intent: who may post where, a rehearsal
// never posts, a failure stays on record until retried by hand, and Slack's answer is folded onto its post.
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
const pe = { name: 'alice', role: 'PE' };
const qa = { name: 'quinn', role: 'QA' };
const MESSAGE = 'DEPLOYMENT STARTING\nService: HO-1234';

let demo: Workspace;
beforeAll(async () => {
  const loaded = await loadTemplate('demo');
  // The demo's #rm-netops, and a channel only PE may post to.
  demo = { ...loaded, announcements: { ...loaded.announcements!, slack: [...loaded.announcements!.slack, { channel: '#pe-only', webhook: { env: 'X' }, roles: ['PE'] }] } };
});

const post = (over: Partial<Extract<Intent, { kind: 'postAnnouncement' }>> = {}): Intent => ({ kind: 'postAnnouncement', release: R, channel: '#rm-netops', message: MESSAGE, rehearsal: false, ...over });
const answer = (attempt: number, status: number | null, error: string | null): Intent => ({ kind: 'announcementAnswered', release: R, channel: '#rm-netops', message: MESSAGE, attempt, status, error });

function apply(state: ConsoleState, intent: Intent, actor = pe): ConsoleState {
  const decision = decide(intent, { ...state, metrics: {} }, NOW, actor, demo);
  if (!decision.allowed) throw new Error(decision.message);
  for (const event of decision.events) ReleaseEvent.parse(event);
  return applyEvents(state, decision.events);
}

function refusal(state: ConsoleState, intent: Intent, actor = pe): string {
  const decision = decide(intent, { ...state, metrics: {} }, NOW, actor, demo);
  if (decision.allowed) throw new Error(`allowed: ${JSON.stringify(decision.events)}`);
  return decision.message;
}

describe('posting an announcement (issue 19)', () => {
  it('logs the post before it is sent, then folds the answer onto it', () => {
    const posting = decide(post(), { ...initialState(), metrics: {} }, NOW, pe, demo);
    expect(posting.allowed && posting.events).toEqual([{ type: 'announcementPosting', actor: pe, at: NOW, release: R, channel: '#rm-netops', message: MESSAGE, attempt: 1 }]);
    const state = apply(apply(initialState(), post()), answer(1, 200, null));
    expect(state.releases[R]!.announcements).toEqual([{ channel: '#rm-netops', message: MESSAGE, attempt: 1, by: pe, at: NOW, state: 'posted', status: 200, error: null, answeredAt: NOW }]);
  });

  it('records a rehearsal\'s post as "would post", and nothing waits for an answer', () => {
    const decision = decide(post({ rehearsal: true }), { ...initialState(), metrics: {} }, NOW, pe, demo);
    expect(decision.allowed && decision.events).toEqual([{ type: 'announcementWouldPost', actor: pe, at: NOW, release: R, channel: '#rm-netops', message: MESSAGE }]);
    expect(apply(initialState(), post({ rehearsal: true })).releases[R]!.announcements[0]!.state).toBe('wouldPost');
  });

  it.each([
    ['a 500', 500, 'Slack answered HTTP 500'],
    ['a 404 no_service', 404, 'Slack answered HTTP 404: no_service'],
    ['a timeout', null, 'No answer from Slack within 10 s'],
  ])('keeps %s as a failed post, retried by hand as attempt 2', (_name, status, error) => {
    const failed = apply(apply(initialState(), post()), answer(1, status, error));
    expect(failed.releases[R]!.announcements[0]).toMatchObject({ state: 'failed', status, error });
    const retried = apply(failed, post({ retryOf: 0 }));
    expect(retried.releases[R]!.announcements[1]).toMatchObject({ attempt: 2, state: 'posting' });
    // Retried once: the failed post is not offered again while its retry stands.
    expect(refusal(apply(retried, answer(2, 500, 'Slack answered HTTP 500')), post({ retryOf: 0 }))).toMatch(/Only a failed post/);
  });

  it.each<[string, Intent, typeof pe, RegExp]>([
    ['a channel the workspace does not name', post({ channel: '#general' }), pe, /#general is not a Slack channel of this workspace; it names #rm-netops, #pe-only/],
    ['a release the workspace does not have', post({ release: 'nope' }), pe, /no release nope/],
    ['an empty message', post({ message: '  ' }), pe, /no text/],
    ['someone outside the channel\'s roles', post({ channel: '#pe-only' }), qa, /Only PE may post to #pe-only; you are QA/],
    ['a retry of a post that did not fail', post({ retryOf: 0 }), pe, /Only a failed post/],
    ['the same message to the same channel once Slack took it', post(), pe, /was posted to #rm-netops by alice at 11:05 UTC; it is not sent twice/],
  ])('refuses %s', (_name, intent, actor, message) => {
    const state = apply(apply(initialState(), post()), answer(1, 200, null));
    expect(refusal(state, intent, actor)).toMatch(message);
  });

  it('refuses a second post of the same message while the first waits for Slack, and an answer nothing waits for', () => {
    const posting = apply(initialState(), post());
    expect(refusal(posting, post())).toMatch(/being posted to #rm-netops/);
    expect(refusal(posting, answer(2, 200, null))).toMatch(/attempt 2/);
  });
});
