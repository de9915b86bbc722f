import { useEffect, useState } from 'react';
import { send } from '../../api/actions';
import { useConsole } from '../../store/store';
import { dayAndClockWithZone, operatorZone } from '../../format/time';
import type { AnnouncementPostView, AnnouncementsView, SlackChannelView } from '../../../shared/api';
import { ActionButton } from '../ActionButton';

const KINDS = [
  { kind: 'start', label: 'Deployment starting' },
  { kind: 'complete', label: 'Deployment complete' },
  { kind: 'rollback', label: 'Rollback announcement' },
  { kind: 'testing-failure', label: 'Testing failure (to on-call)' },
] as const;

const STATE_WORDS: Record<AnnouncementPostView['state'], string> = { posting: 'posting', posted: 'posted', failed: 'failed', wouldPost: 'would post' };
const STATE_BADGE: Record<AnnouncementPostView['state'], string> = { posting: 'badge-running', posted: 'badge-done', failed: 'badge-failed', wouldPost: 'badge-blocked' };

/**
 * Issue 19 item 5: the release's announcements posted where people read them. Main decides, logs and
 * sends each post; this shows the channels, every post with Slack's answer, and Retry on a failed one.
 */
export function SlackPosts({ releaseId }: { releaseId: string }) {
  const rehearsal = useConsole((s) => s.session?.clockMode === 'simulated');
  const [view, setView] = useState<AnnouncementsView | null>(null);
  const [busy, setBusy] = useState(false);
  // Read again whenever main says the posts changed: another window's post, or another desk's.
  const changes = useConsole((s) => s.announcementsSeen[releaseId] ?? 0);

  useEffect(() => {
    let current = true;
    void send('getAnnouncements', { releaseId }).then((v) => current && v && setView(v));
    return () => {
      current = false;
    };
  }, [releaseId, changes]);

  async function act(call: () => Promise<AnnouncementsView | null>) {
    setBusy(true);
    try {
      const next = await call();
      // A refusal is a toast; the posts are read again so a failure logged before it is shown.
      setView(next ?? (await send('getAnnouncements', { releaseId })) ?? view);
    } finally {
      setBusy(false);
    }
  }

  if (!view) return null;
  return (
    <section className="slack-posts" aria-label="Slack announcements">
      <h3>
        Post to Slack{' '}
        <span className="muted" aria-live="polite">
          {busy ? '— waiting for Slack…' : ''}
        </span>
      </h3>
      {view.channels.length === 0 ? (
        <p className="muted">This workspace names no Slack channels (workspace.yaml, announcements.slack): copy an announcement above instead.</p>
      ) : (
        <>
          {rehearsal && <p className="muted">Rehearsal: a post is shown here as "would post", never sent.</p>}
          {view.channels.map((channel) => (
            <ChannelRow key={channel.channel} channel={channel} keychain={view.keychain} rehearsal={rehearsal} busy={busy} onPost={(kind) => act(() => send('postAnnouncement', { releaseId, channel: channel.channel, kind }))} />
          ))}
        </>
      )}
      {view.posts.length > 0 && (
        <ol className="slack-post-list" reversed>
          {[...view.posts].reverse().map((post) => (
            <PostItem key={post.index} post={post} busy={busy} onRetry={() => act(() => send('retryAnnouncement', { releaseId, index: post.index }))} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ChannelRow({ channel, keychain, rehearsal, busy, onPost }: { channel: SlackChannelView; keychain: boolean; rehearsal: boolean; busy: boolean; onPost: (kind: (typeof KINDS)[number]['kind']) => void }) {
  return (
    <div className="slack-channel" role="group" aria-label={`Slack channel ${channel.channel}`}>
      <div className="row">
        <strong className="mono">{channel.channel}</strong>
        <span className="muted">webhook from the {channel.source}</span>
      </div>
      <div className="row slack-post-buttons">
        {KINDS.map(({ kind, label }) => (
          <ActionButton key={kind} disabledReason={busy ? 'Posting…' : null} aria-label={`Post "${label}" to ${channel.channel}`} title={rehearsal ? `Rehearsal: shows what would be posted to ${channel.channel}; sends nothing` : undefined} onClick={() => onPost(kind)}>
            Post "{label}"
          </ActionButton>
        ))}
      </div>
      {channel.problem && <p className="slack-problem">{channel.problem}</p>}
      {channel.keychainEntry && (keychain ? <KeychainEntry entry={channel.keychainEntry} /> : <p className="muted">Browser mode reads webhooks from environment variables only; set this keychain entry in the desktop app.</p>)}
    </div>
  );
}

/** Desktop app: the webhook URL goes to main once, encrypted there with safeStorage; it never comes back to this screen. */
function KeychainEntry({ entry }: { entry: string }) {
  const toast = useConsole((s) => s.toast);
  const [url, setUrl] = useState('');
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        const stored = await send('setSlackWebhook', { entry, url });
        if (stored) toast('success', `Webhook kept in the keychain entry "${entry}".`);
        setUrl('');
      }}
    >
      <label>
        Webhook URL for keychain entry "{entry}" <input type="password" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <ActionButton type="submit" disabledReason={url.trim() === '' ? 'Paste the webhook URL first' : null}>
        Keep in keychain
      </ActionButton>
      <button
        type="button"
        onClick={async () => {
          if (await send('setSlackWebhook', { entry, url: null })) toast('success', `Keychain entry "${entry}" cleared.`);
        }}
      >
        Clear
      </button>
    </form>
  );
}

function PostItem({ post, busy, onRetry }: { post: AnnouncementPostView; busy: boolean; onRetry: () => void }) {
  const outcome =
    post.state === 'wouldPost'
      ? `Rehearsal: would post to ${post.channel}; nothing was sent.`
      : post.state === 'posted'
        ? `Posted to ${post.channel}: Slack answered ${post.status}.`
        : post.state === 'posting'
          ? `Posting to ${post.channel}…`
          : `Not posted to ${post.channel}: ${post.error ?? `Slack answered ${post.status}`}.${post.retryable ? '' : ' Posted again since.'}`;
  return (
    <li className={`slack-post slack-post-${post.state}`} aria-label={`Post to ${post.channel}, attempt ${post.attempt}: ${STATE_WORDS[post.state]}`}>
      <div className="row">
        <span className={`badge ${STATE_BADGE[post.state]}`}>{STATE_WORDS[post.state]}</span>
        <span role={post.state === 'failed' ? 'alert' : undefined}>{outcome}</span>
        <span className="spacer" />
        <span className="muted">
          {post.by.name} ({post.by.role}), {dayAndClockWithZone(post.at, operatorZone())}
          {post.attempt > 1 ? `, attempt ${post.attempt}` : ''}
        </span>
        {post.retryable && (
          <ActionButton disabledReason={busy ? 'Posting…' : null} onClick={onRetry} aria-label={`Retry the post to ${post.channel}`}>
            Retry
          </ActionButton>
        )}
      </div>
      <pre className="export-content slack-message">
        {post.segments.map((s, i) =>
          s.href === undefined ? (
            s.text
          ) : (
            <a key={i} href={s.href} target="_blank" rel="noopener noreferrer">
              {s.text}
            </a>
          ),
        )}
      </pre>
    </li>
  );
}
