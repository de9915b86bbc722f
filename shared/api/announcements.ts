import { z } from 'zod';
import { IdString } from './bounds';
import { defineCall } from './contract';
import { Actor } from './release';

/**
 * Issue 19 item 5: the release's announcements as the Evidence screen shows them: the workspace's Slack
 * channels (whether each can post from this console, never its webhook URL) and every post on record.
 */
export const SlackChannelView = z.object({
  channel: z.string(),
  /** Where its webhook URL is read from: "environment variable RC_SLACK_RM_NETOPS". */
  source: z.string(),
  keychainEntry: z.string().nullable(),
  /** Null when a webhook URL is there to post with; otherwise why not, and what to do. */
  problem: z.string().nullable(),
});
export type SlackChannelView = z.infer<typeof SlackChannelView>;

export const MessageSegmentView = z.object({ text: z.string(), href: z.string().optional() });

export const AnnouncementPostView = z.object({
  /** Its place in the release's record: Retry names it. */
  index: z.number().int().nonnegative(),
  channel: z.string(),
  message: z.string(),
  /** The message cut into text and allowed links (Jira tickets, diffs). */
  segments: z.array(MessageSegmentView),
  state: z.enum(['posting', 'posted', 'failed', 'wouldPost']),
  status: z.number().nullable(),
  error: z.string().nullable(),
  attempt: z.number(),
  by: Actor,
  at: z.number(),
  /** A failed post that has not been posted again since: Retry is offered on it. */
  retryable: z.boolean(),
});
export type AnnouncementPostView = z.infer<typeof AnnouncementPostView>;

export const AnnouncementsView = z.object({
  channels: z.array(SlackChannelView),
  posts: z.array(AnnouncementPostView),
  /** Keychain entries are kept with the desktop app's safeStorage; browser mode reads environment variables only. */
  keychain: z.boolean(),
});
export type AnnouncementsView = z.infer<typeof AnnouncementsView>;

export const AnnouncementKind = z.enum(['start', 'complete', 'rollback', 'testing-failure']);
export type AnnouncementKind = z.infer<typeof AnnouncementKind>;

export const announcementCalls = {
  getAnnouncements: defineCall(z.object({ releaseId: IdString }).strict(), AnnouncementsView),
  /** Posts the release's announcement of this kind to a channel: decided, logged, then sent (a rehearsal's is shown, not sent). */
  postAnnouncement: defineCall(z.object({ releaseId: IdString, channel: IdString, kind: AnnouncementKind }).strict(), AnnouncementsView),
  /** Posts a failed post's message again, by hand. */
  retryAnnouncement: defineCall(z.object({ releaseId: IdString, index: z.number().int().nonnegative() }).strict(), AnnouncementsView),
  /**
   * Desktop app only: keeps (or with `url: null`, clears) a keychain entry's webhook URL, encrypted with
   * safeStorage. The URL goes in and never comes back out through the API.
   */
  setSlackWebhook: defineCall(z.object({ entry: IdString, url: z.string().max(2000).nullable() }).strict(), z.object({ entry: z.string(), stored: z.boolean() })),
};

export const announcementEvents = {
  /** A post of the release was decided or answered, here or (with a shared log) at another desk: each window reads the posts again. */
  announcementsChanged: z.object({ releaseId: z.string() }),
};
