import type { AnnouncementsView, SlackChannelView } from '../../shared/api/announcements';
import { describeWebhookSource } from '../../shared/announce/channels';
import { messageSegments, slackText, type LinkRules } from '../../shared/announce/links';
import { isRetryable } from '../../shared/engine/decideAnnouncement';
import type { ReleaseEvent } from '../../shared/engine/events';
import type { Actor, ReleaseRecord } from '../../shared/engine/state';
import type { Release, Workspace } from '../../shared/workspace/workspace';
import { ApiFailure } from '../host/failure';
import type { IntentLoop } from '../release/loop';
import type { WebhookKeychain } from './keychain';
import { isWebhookUrl, lookUpWebhook, postToWebhook } from './webhook';

export type { AnnouncementKind } from '../../shared/api/announcements';
import type { AnnouncementKind } from '../../shared/api/announcements';

export interface AnnouncerOptions {
  workspace: Workspace;
  loop: IntentLoop;
  operator: () => Actor;
  rehearsal: boolean;
  /** Where `env` webhooks are read: the console's environment. */
  env: Readonly<Record<string, string | undefined>>;
  /** The desktop app's safeStorage-backed entries; null in browser mode. */
  keychain: WebhookKeychain | null;
  release: (releaseId: string) => Release;
  record: (releaseId: string) => ReleaseRecord;
  /** The announcement text of this kind for the release, as the Evidence export gives it, with its tickets and diffs. */
  message: (releaseId: string, kind: AnnouncementKind) => Promise<string>;
  /** How long a post waits for Slack (tests shorten it). */
  timeoutMs?: number;
  /** The release's posts changed on record (a post decided, Slack's answer): every window is told. */
  changed: (releaseId: string) => void;
}

/** The releases whose Slack posts these events change: another desk's posts reach this one's windows too. */
export function releasesAnnouncedIn(events: readonly ReleaseEvent[]): string[] {
  const releases = events.filter((e) => e.type === 'announcementPosting' || e.type === 'announcementPosted' || e.type === 'announcementWouldPost').map((e) => (e as { release: string }).release);
  return [...new Set(releases)];
}

/**
 * Issue 19 item 5: posts announcements to the workspace's Slack channels. Each post is decided and logged
 * (shared/engine/decideAnnouncement.ts) before the webhook is called, and Slack's answer is logged after;
 * a failure stays on the record, shown with Retry. The webhook URL is read at the moment of posting and
 * goes nowhere else: not the log, not the view, not an error.
 */
export class Announcer {
  constructor(private readonly options: AnnouncerOptions) {}

  async view(releaseId: string): Promise<AnnouncementsView> {
    const { workspace, env, keychain } = this.options;
    const rules = this.linkRules(releaseId);
    const channels: SlackChannelView[] = await Promise.all(
      (workspace.announcements?.slack ?? []).map(async (c) => {
        const lookup = await lookUpWebhook(c.webhook, env, keychain).catch(() => ({ problem: `The ${describeWebhookSource(c.webhook)} could not be read.` }));
        return { channel: c.channel, source: describeWebhookSource(c.webhook), keychainEntry: 'keychain' in c.webhook ? c.webhook.keychain : null, problem: 'problem' in lookup ? lookup.problem : null };
      }),
    );
    const posts = this.options.record(releaseId).announcements;
    return {
      channels,
      keychain: keychain !== null,
      posts: posts.map((p, index) => ({
        index,
        channel: p.channel,
        message: p.message,
        segments: messageSegments(p.message, rules),
        state: p.state,
        status: p.status,
        error: p.error,
        attempt: p.attempt,
        by: p.by,
        at: p.at,
        retryable: isRetryable(posts, index),
      })),
    };
  }

  async post(releaseId: string, channel: string, kind: AnnouncementKind): Promise<AnnouncementsView> {
    this.options.release(releaseId);
    await this.send(releaseId, channel, await this.options.message(releaseId, kind));
    return this.view(releaseId);
  }

  async retry(releaseId: string, index: number): Promise<AnnouncementsView> {
    const post = this.options.record(releaseId).announcements[index];
    if (!post) throw new ApiFailure('not_found', `${releaseId} has no announcement post ${index}.`);
    await this.send(releaseId, post.channel, post.message, index);
    return this.view(releaseId);
  }

  /**
   * At start: a post that was waiting for Slack when the console stopped gets an answer on record, so it is
   * shown failed with Retry instead of "posting" for ever. Whether Slack received it is unknown, and said so.
   */
  async markInterrupted(): Promise<void> {
    const system = { name: 'release-console', role: 'system' };
    for (const [releaseId, record] of Object.entries(this.options.loop.state.releases)) {
      for (const post of record.announcements.filter((p) => p.state === 'posting')) {
        const error = 'The console stopped before Slack answered; look in the channel before retrying';
        await this.options.loop.handle({ kind: 'announcementAnswered', release: releaseId, channel: post.channel, message: post.message, attempt: post.attempt, status: null, error }, system);
        this.options.changed(releaseId);
      }
    }
  }

  /** Desktop app only: keeps a keychain entry's webhook URL (encrypted), or clears it. */
  async setWebhook(entry: string, url: string | null): Promise<{ entry: string; stored: boolean }> {
    const { keychain, workspace } = this.options;
    if (!keychain) throw new ApiFailure('invalid_request', 'Keychain entries are kept by the desktop app; in browser mode set the webhook URL in the environment variable the workspace names.');
    if (!(workspace.announcements?.slack ?? []).some((c) => 'keychain' in c.webhook && c.webhook.keychain === entry)) {
      throw new ApiFailure('not_found', `No Slack channel of this workspace keeps its webhook in the keychain entry "${entry}".`);
    }
    if (url === null) {
      await keychain.clear(entry);
      return { entry, stored: false };
    }
    // The refusal never repeats what was typed: it may be a real webhook, pasted with a typo.
    if (!isWebhookUrl(url.trim())) throw new ApiFailure('invalid_request', 'A Slack webhook is an https URL (https://hooks.slack.com/services/…); what was given is not one.');
    await keychain.write(entry, url.trim());
    return { entry, stored: true };
  }

  private async send(releaseId: string, channel: string, message: string, retryOf?: number): Promise<void> {
    const { loop, operator, rehearsal, workspace, env, keychain } = this.options;
    const events = await loop.require({ kind: 'postAnnouncement', release: releaseId, channel, message, rehearsal, ...(retryOf !== undefined ? { retryOf } : {}) }, operator());
    // Every window shows it "posting" (or "would post") while Slack is asked.
    this.options.changed(releaseId);
    const posting = events.find((e) => e.type === 'announcementPosting');
    // A rehearsal's post is on record as "would post"; nothing leaves the machine.
    if (!posting || posting.type !== 'announcementPosting') return;
    const source = workspace.announcements!.slack.find((c) => c.channel === posting.channel)!.webhook;
    const lookup = await lookUpWebhook(source, env, keychain).catch(() => ({ problem: `The ${describeWebhookSource(source)} could not be read.` }));
    const answer = 'url' in lookup ? await postToWebhook(lookup.url, { text: slackText(message, this.linkRules(releaseId)) }, this.options.timeoutMs) : { status: null, error: lookup.problem };
    await loop.require({ kind: 'announcementAnswered', release: releaseId, channel: posting.channel, message, attempt: posting.attempt, ...answer }, operator());
    this.options.changed(releaseId);
  }

  private linkRules(releaseId: string): LinkRules {
    const { workspace } = this.options;
    return {
      allowedHosts: workspace.externalLinks ?? [],
      ticketUrl: workspace.announcements?.ticketUrl,
      tickets: this.options.release(releaseId).handovers.flatMap((h) => h.tickets),
    };
  }
}
