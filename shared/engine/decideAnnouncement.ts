import { mayDoStepsOf } from '../workspace/roles';
import type { Workspace } from '../workspace/workspace';
import { recordOf } from './fold';
import type { Intent } from './intents';
import type { Actor, AnnouncementPost } from './state';
import { allow, refuse, refuseNaming, releaseOf, type Decision, type EngineState } from './decision';

/**
 * Issue 19 item 5: who may post an announcement where, and what is logged. A rehearsal never posts: its post
 * is recorded as "would post". A failed post stays on record as failed until a person posts it again (Retry):
 * the console never retries by itself, so nothing is sent twice without someone seeing it.
 */
export function decideAnnouncement(intent: Extract<Intent, { kind: 'postAnnouncement' | 'announcementAnswered' }>, state: EngineState, now: number, actor: Actor, workspace: Workspace): Decision {
  const at = { actor, at: now };
  if (!releaseOf(workspace, intent.release)) return refuse('not_found', `There is no release ${intent.release} in this workspace.`);
  const posts = recordOf(state, intent.release).announcements.filter((p) => p.channel === intent.channel && p.message === intent.message);
  if (intent.kind === 'announcementAnswered') {
    const posting = posts.find((p) => p.attempt === intent.attempt && p.state === 'posting');
    if (!posting) return refuse('conflict', `No post of this announcement to ${intent.channel} (attempt ${intent.attempt}) is waiting for an answer.`);
    const { release, channel, message, attempt, status, error } = intent;
    return allow({ type: 'announcementPosted', ...at, release, channel, message, attempt, status, error });
  }
  const channels = workspace.announcements?.slack ?? [];
  const channel = channels.find((c) => c.channel === intent.channel);
  if (!channel) {
    const named = channels.map((c) => c.channel).join(', ');
    return refuse('not_found', `${intent.channel} is not a Slack channel of this workspace; ${named ? `it names ${named}` : 'it names none (workspace.yaml announcements.slack)'}.`);
  }
  if (intent.message.trim() === '') return refuse('invalid_request', 'An announcement to post has no text.');
  if (channel.roles && !channel.roles.some((role) => mayDoStepsOf(workspace, actor.role, role))) {
    return refuse('blocked', `Only ${channel.roles.join(' or ')} may post to ${channel.channel}; you are ${actor.role}.`);
  }
  if (intent.retryOf !== undefined && !isRetryable(recordOf(state, intent.release).announcements, intent.retryOf)) {
    return refuse('conflict', 'Only a failed post that has not been posted again since can be retried.');
  }
  if (intent.rehearsal) return allow({ type: 'announcementWouldPost', ...at, release: intent.release, channel: channel.channel, message: intent.message });
  if (posts.some((p) => p.state === 'posting')) return refuse('conflict', `This announcement is being posted to ${channel.channel}; wait for Slack's answer.`);
  // A second window or desk still showing "Post to Slack" would send it again: what Slack took is said once.
  const sent = posts.find((p) => p.state === 'posted');
  if (sent) {
    return refuseNaming('conflict', sent.answeredAt ?? sent.at, (when) => `This announcement was posted to ${channel.channel} by ${sent.by.name} at ${when}; it is not sent twice.`);
  }
  const attempt = posts.filter((p) => p.state !== 'wouldPost').length + 1;
  return allow({ type: 'announcementPosting', ...at, release: intent.release, channel: channel.channel, message: intent.message, attempt });
}

/** A failed post is retried by hand, once: after a later post of the same message to the same channel, that one is retried instead. */
export function isRetryable(posts: readonly AnnouncementPost[], index: number): boolean {
  const post = posts[index];
  if (!post || post.state !== 'failed') return false;
  return !posts.slice(index + 1).some((p) => p.channel === post.channel && p.message === post.message && p.state !== 'wouldPost');
}
