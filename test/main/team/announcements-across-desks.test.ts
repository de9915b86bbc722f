import { expect, test } from 'vitest';
import type { AnnouncementsView } from '../../../shared/api';
import { teamWorkspace } from './console-desks';
import { deskValue, until } from './desk-calls';
import { teamOfDesks } from './team-of-desks';

/**
 * A Slack post made at one desk reaches the other desks' windows as it lands in the shared log: their
 * console tells every window the release's posts changed, and the posts they read then include it. In a
 * rehearsal the post is "would post", so nothing leaves the machine.
 */
const PRODUCTION = '2026-03-product-rollout';

const team = teamOfDesks();

test("a post at the PE's desk is pushed to the QA desk's windows, which then list it", async () => {
  const { dir } = await teamWorkspace(team.admin);
  const [pe, qa] = [await team.open(dir, 'pe-priya'), await team.open(dir, 'qa-quinn')];
  const pushed: unknown[] = [];
  qa.host.onEvent((event, payload) => event === 'announcementsChanged' && pushed.push(payload));
  expect((await deskValue<AnnouncementsView>(qa, 'getAnnouncements', { releaseId: PRODUCTION })).posts).toEqual([]);

  await deskValue(pe, 'postAnnouncement', { releaseId: PRODUCTION, channel: '#rm-netops', kind: 'start' });
  await until('the QA desk told of the post', () => pushed.length, (n) => n > 0);
  expect(pushed[0]).toEqual({ releaseId: PRODUCTION });
  const seen = await deskValue<AnnouncementsView>(qa, 'getAnnouncements', { releaseId: PRODUCTION });
  expect(seen.posts).toHaveLength(1);
  expect(seen.posts[0]).toMatchObject({ channel: '#rm-netops', state: 'wouldPost', by: { name: expect.stringMatching(/^pe-priya/) } });
  expect(seen.posts[0]!.message).toMatch(/^DEPLOYMENT STARTING\n/);
}, 120_000);
