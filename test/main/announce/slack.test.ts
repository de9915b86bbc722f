// Issue 19 item 5, end to end through the host on the demo workspace: every post reaches a local Slack with
// the right text; a 500, a timeout and an unreachable Slack are shown and logged, and Retry then posts; a
// rehearsal sends nothing; the webhook URL is in no log line, export or error.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnnouncementsView, CallName, Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { logEvents, rehearsalDir } from '../../release-log';
import { startFakeSlack, type FakeSlack } from '../../slack-server';

const RELEASE = '2026-03-product-rollout';
const SECRET = 'XOXB-SECRET-7f3a9c';
const context = { transport: 'browser' as const, connectionId: 'slack' };

describe('posting announcements to Slack', () => {
  let slack: FakeSlack;
  let host: Host | null = null;
  let root = '';
  beforeEach(async () => {
    slack = await startFakeSlack();
    root = mkdtempSync(path.join(os.tmpdir(), 'rc-slack-'));
  });
  afterEach(async () => {
    await host?.close();
    host = null;
    await slack.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function call<T>(name: CallName, payload: unknown): Promise<T> {
    const result = (await host!.invoke(name, payload, context)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }
  /** Every file under the data folder, as text: the URL must be in none of them. */
  function everyFileText(dir: string): string {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => readFileSync(path.join(f.parentPath, f.name), 'utf8'))
      .join('\n');
  }

  it('posts with the right text and channel, shows and logs a 500, and Retry then posts the same text', async () => {
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) } }));

    const first = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    expect(slack.received).toHaveLength(1);
    const [post] = slack.received;
    expect(post!.path).toBe(`/services/T0000/B0000/${SECRET}`);
    expect(post!.contentType).toBe('application/json');
    expect(post!.body.text).toMatch(/^DEPLOYMENT STARTING\n/);
    // Tickets and diffs as Slack links, through externalLinks; the handover id stays text.
    expect(post!.body.text).toContain('Tickets: <https://jira.example.com/browse/RT-5521|RT-5521>');
    expect(post!.body.text).toContain('<https://git.example.com/rt/media-gateway/compare/4.12.0...4.13.0>');
    expect(post!.body.text).not.toContain('|HO-1234>');
    expect(first.posts).toEqual([expect.objectContaining({ channel: '#rm-netops', state: 'posted', status: 200, error: null, attempt: 1, retryable: false })]);
    expect(first.posts[0]!.segments).toContainEqual({ text: 'RT-5521', href: 'https://jira.example.com/browse/RT-5521' });
    expect(first.channels).toEqual([{ channel: '#rm-netops', source: 'environment variable RC_SLACK_RM_NETOPS', keychainEntry: null, problem: null }]);

    slack.answerNext(500);
    const failed = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'complete' });
    expect(failed.posts[1]).toMatchObject({ state: 'failed', status: 500, error: 'Slack answered HTTP 500 Internal Server Error: internal_error', retryable: true });

    const retried = await call<AnnouncementsView>('retryAnnouncement', { releaseId: RELEASE, index: 1 });
    expect(slack.received).toHaveLength(3);
    expect(slack.received[2]!.body).toEqual(slack.received[1]!.body);
    expect(slack.received[2]!.body.text).toMatch(/^DEPLOYMENT COMPLETE\n/);
    expect(retried.posts[1]!.retryable).toBe(false);
    expect(retried.posts[2]).toMatchObject({ state: 'posted', status: 200, attempt: 2 });


    // The log has each post before its answer, with the message, the channel and the status.
    const events = logEvents(path.join(root, 'live')).filter((e) => e.type.startsWith('announcement'));
    expect(events.map((e) => [e.type, 'status' in e ? e.status : null, 'attempt' in e ? e.attempt : null])).toEqual([
      ['announcementPosting', null, 1],
      ['announcementPosted', 200, 1],
      ['announcementPosting', null, 1],
      ['announcementPosted', 500, 1],
      ['announcementPosting', null, 2],
      ['announcementPosted', 200, 2],
    ]);
    expect(events[3]).toMatchObject({ channel: '#rm-netops', error: 'Slack answered HTTP 500 Internal Server Error: internal_error', message: expect.stringMatching(/^DEPLOYMENT COMPLETE\n/) });

    const exports = await Promise.all(
      (['cr-markdown', 'deployment-log', 'announcement-start', 'announcement-complete', 'announcement-rollback'] as const).map((format) =>
        call<{ content: string }>('exportEvidence', { releaseId: RELEASE, format, includeTranscripts: true }),
      ),
    );
    const errors = (await call<AnnouncementsView>('getAnnouncements', { releaseId: RELEASE })).posts.map((p) => p.error ?? '');
    await host.close();
    host = null;
    for (const text of [everyFileText(root), ...exports.map((e) => e.content), ...errors]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('/services/T0000');
    }
  });

  // Before, a second window (or desk) whose screen still offered "Post to Slack" sent the same announcement
  // to the channel again once the first had been answered: only a post still waiting for Slack was refused.
  it('sends an announcement Slack took once: the same text to the same channel again is refused, naming who posted it', async () => {
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) } }));
    await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    expect(slack.received).toHaveLength(1);

    const again = (await host.invoke('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' }, { transport: 'browser', connectionId: 'another-window' })) as Result<AnnouncementsView>;
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^This announcement was posted to #rm-netops by alice at \d\d:\d\d UTC; it is not sent twice\./) } });
    expect(slack.received).toHaveLength(1);
    const events = logEvents(path.join(root, 'live'));
    expect(events.filter((e) => e.type === 'announcementPosting')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'refused').map((e) => e.type === 'refused' && e.intent)).toEqual(['postAnnouncement']);
    // Another announcement to the same channel still goes.
    await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'complete' });
    expect(slack.received).toHaveLength(2);
  });

  it('shows a post Slack never answers as failed once its timeout passes', async () => {
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) }, slackTimeoutMs: 300 }));
    slack.answerNext('hang');
    const timedOut = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'rollback' });
    expect(slack.received).toHaveLength(1);
    expect(timedOut.posts[0]).toMatchObject({ state: 'failed', status: null, error: 'No answer from Slack within 0.3 s', retryable: true });
    const events = logEvents(path.join(root, 'live')).filter((e) => e.type === 'announcementPosted');
    expect(events).toEqual([expect.objectContaining({ status: null, error: 'No answer from Slack within 0.3 s' })]);
  });

  it('shows a post cut off by the console stopping as failed at the next start, with Retry', async () => {
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) } }));
    await call('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    await host.close();
    host = null;
    // As a SIGKILL between the two appends leaves it: the post on record, Slack's answer not (and no snapshot past it).
    const live = path.join(root, 'live');
    const lines = readFileSync(path.join(live, 'release-log.jsonl'), 'utf8').trimEnd().split('\n');
    const answered = lines.findIndex((line) => line.includes('"announcementPosted"'));
    expect(answered).toBeGreaterThan(0);
    writeFileSync(path.join(live, 'release-log.jsonl'), lines.slice(0, answered).join('\n') + '\n');
    rmSync(path.join(live, 'snapshot.json'), { force: true });

    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) } }));
    const view = await call<AnnouncementsView>('getAnnouncements', { releaseId: RELEASE });
    expect(view.posts).toEqual([expect.objectContaining({ state: 'failed', status: null, error: 'The console stopped before Slack answered; look in the channel before retrying', retryable: true })]);
    const retried = await call<AnnouncementsView>('retryAnnouncement', { releaseId: RELEASE, index: 0 });
    expect(retried.posts[1]).toMatchObject({ state: 'posted', attempt: 2 });
    expect(slack.received).toHaveLength(2);
  });

  it('says why a channel cannot post when its variable is unset or Slack cannot be reached, without the URL', async () => {
    const closed = slack.webhook(SECRET);
    await slack.close();
    slack = await startFakeSlack();
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: closed } }));
    const unreachable = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    expect(unreachable.posts[0]).toMatchObject({ state: 'failed', status: null, error: 'Could not reach Slack (ECONNREFUSED)' });
    await host.close();

    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' }, env: {} }));
    const unset = await call<AnnouncementsView>('getAnnouncements', { releaseId: RELEASE });
    expect(unset.channels[0]!.problem).toBe('No webhook URL: the environment variable RC_SLACK_RM_NETOPS is not set where the console was started.');
    const posted = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    expect(posted.posts[1]).toMatchObject({ state: 'failed', error: unset.channels[0]!.problem, retryable: true });
    // Browser mode has no keychain to keep a webhook in.
    const keychain = await host.invoke('setSlackWebhook', { entry: 'rm-netops', url: 'https://hooks.slack.com/services/T/B/x' }, context);
    expect(!keychain.ok && keychain.error.message).toMatch(/desktop app/);
    expect(slack.received).toEqual([]);
  });

  it("keeps a keychain entry's webhook encrypted, posts with it, and clears it from the settings call", async () => {
    // Electron's safeStorage cannot run here; an AES-256-GCM cipher stands in for it, as real as encryption gets.
    const key = randomBytes(32);
    const secretCipher = {
      encrypt: (plain: string) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return Buffer.concat([iv, cipher.getAuthTag(), body]);
      },
      decrypt: (bytes: Buffer) => {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      },
    };
    // The demo with its channel's webhook in the keychain instead of the environment.
    const workspaceDir = path.join(root, 'workspace');
    cpSync(path.resolve('workspaces/demo'), workspaceDir, { recursive: true });
    const yaml = readFileSync(path.join(workspaceDir, 'workspace.yaml'), 'utf8');
    writeFileSync(path.join(workspaceDir, 'workspace.yaml'), yaml.replace('{ env: RC_SLACK_RM_NETOPS }', '{ keychain: rm-netops }'));
    const dataDir = path.join(root, 'data');
    ({ host } = await createConsole({ workspaceDir, dataDir, operator: { name: 'alice', role: 'PE' }, env: {}, secretCipher }));
    const release = (await call<{ release: { id: string } }>('getReleaseView', {})).release.id;

    expect((await call<AnnouncementsView>('getAnnouncements', { releaseId: release })).channels[0]).toMatchObject({ keychainEntry: 'rm-netops', problem: expect.stringMatching(/keychain entry "rm-netops" is empty/) });
    const refused = await host.invoke('setSlackWebhook', { entry: 'rm-netops', url: 'not a url' }, context);
    expect(!refused.ok && refused.error.message).toMatch(/https URL/);
    expect(await call('setSlackWebhook', { entry: 'rm-netops', url: slack.webhook(SECRET) })).toEqual({ entry: 'rm-netops', stored: true });
    expect(everyFileText(dataDir)).not.toContain(SECRET);
    const posted = await call<AnnouncementsView>('postAnnouncement', { releaseId: release, channel: '#rm-netops', kind: 'start' });
    expect(posted.posts[0]).toMatchObject({ state: 'posted', status: 200 });
    expect(slack.received.map((r) => r.path)).toEqual([`/services/T0000/B0000/${SECRET}`]);

    expect(await call('setSlackWebhook', { entry: 'rm-netops', url: null })).toEqual({ entry: 'rm-netops', stored: false });
    expect((await call<AnnouncementsView>('getAnnouncements', { releaseId: release })).channels[0]!.problem).toMatch(/is empty/);
  });

  it('sends nothing in a rehearsal and records "would post"', async () => {
    ({ host } = await createConsole({ dataDir: root, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' }, env: { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) } }));
    const view = await call<AnnouncementsView>('postAnnouncement', { releaseId: RELEASE, channel: '#rm-netops', kind: 'start' });
    expect(view.posts).toEqual([expect.objectContaining({ channel: '#rm-netops', state: 'wouldPost', status: null, retryable: false })]);
    await host.close();
    host = null;
    expect(slack.received).toEqual([]);
    expect(logEvents(rehearsalDir(root)).filter((e) => e.type.startsWith('announcement')).map((e) => e.type)).toEqual(['announcementWouldPost']);
  });
});
