import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expectNoSeriousAxeViolations } from './axe';
import { test, expect, startServe, stopServe, type ServedConsole } from './fixtures';
import { ROLLOUT_MORNING, openConsole, openScreen } from './steps';
import { logEvents, rehearsalDir } from '../release-log';
import { startFakeSlack, type FakeSlack } from '../slack-server';

const SECRET = 'XOXB-E2E-SECRET-91c2';

// Issue 19 item 5: "Post" on an announcement reaches Slack (a local server that records what it receives),
// a 500 from it is shown on the post and logged, Retry then posts it, and a rehearsal only shows "would post".
test.describe('announcements posted to Slack', () => {
  let slack: FakeSlack;
  let served: ServedConsole | null = null;
  test.beforeEach(async () => {
    slack = await startFakeSlack();
  });
  test.afterEach(async () => {
    if (served) await stopServe(served);
    served = null;
    await slack.close();
  });
  test.setTimeout(90_000);

  test('posts to #rm-netops, shows a 500 on the post with Retry, and the retry posts the same text', async ({ page }) => {
    served = await startServe(['--live'], { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) });
    await openConsole(page, served.url);
    await openScreen(page, 'Evidence and exports');
    const channel = page.getByRole('group', { name: 'Slack channel #rm-netops' });
    await expect(channel).toContainText('webhook from the environment variable RC_SLACK_RM_NETOPS');

    await channel.getByRole('button', { name: 'Post "Deployment starting" to #rm-netops' }).click();
    const first = page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: posted' });
    await expect(first).toContainText('Posted to #rm-netops: Slack answered 200.');
    // The ticket and the diff are links, through the workspace's externalLinks.
    await expect(first.getByRole('link', { name: 'RT-5521' })).toHaveAttribute('href', 'https://jira.example.com/browse/RT-5521');
    await expect(first.getByRole('link', { name: /compare\/4\.12\.0\.\.\.4\.13\.0/ })).toHaveAttribute('href', 'https://git.example.com/rt/media-gateway/compare/4.12.0...4.13.0');
    expect(slack.received).toHaveLength(1);
    expect(slack.received[0]!.body.text).toMatch(/^DEPLOYMENT STARTING\n/);
    expect(slack.received[0]!.body.text).toContain('<https://jira.example.com/browse/RT-5521|RT-5521>');

    slack.answerNext(500);
    await channel.getByRole('button', { name: 'Post "Deployment complete" to #rm-netops' }).click();
    const failed = page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: failed' });
    await expect(failed.getByRole('alert')).toHaveText('Not posted to #rm-netops: Slack answered HTTP 500 Internal Server Error: internal_error.');
    await page.screenshot({ path: test.info().outputPath('slack-500.png'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'a failed Slack post (light)');

    await failed.getByRole('button', { name: 'Retry the post to #rm-netops' }).click();
    const retried = page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 2: posted' });
    await expect(retried).toContainText('Slack answered 200');
    await expect(failed.getByRole('button', { name: /Retry/ })).toHaveCount(0);
    await expect(failed).toContainText('Posted again since.');
    expect(slack.received).toHaveLength(3);
    expect(slack.received[2]!.body).toEqual(slack.received[1]!.body);
    expect(slack.received[2]!.body.text).toMatch(/^DEPLOYMENT COMPLETE\n/);
    await page.screenshot({ path: test.info().outputPath('slack-retried.png'), fullPage: true });

    const answers = logEvents(path.join(served.dataDir, 'live')).flatMap((e) => (e.type === 'announcementPosted' ? [[e.channel, e.status, e.attempt]] : []));
    expect(answers).toEqual([['#rm-netops', 200, 1], ['#rm-netops', 500, 1], ['#rm-netops', 200, 2]]);
    expect(readFileSync(path.join(served.dataDir, 'live', 'release-log.jsonl'), 'utf8')).not.toContain(SECRET);
    expect(await page.content()).not.toContain(SECRET);
  });

  test("a post from one window shows in another window's list as it is posted, without a reload", async ({ page }) => {
    served = await startServe(['--live'], { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) });
    const other = await page.context().newPage();
    for (const window of [page, other]) {
      await openConsole(window, served.url);
      await openScreen(window, 'Evidence and exports');
      await expect(window.getByRole('group', { name: 'Slack channel #rm-netops' })).toBeVisible();
    }
    await expect(other.getByRole('listitem', { name: /^Post to #rm-netops/ })).toHaveCount(0);

    slack.answerNext(500);
    await page.getByRole('group', { name: 'Slack channel #rm-netops' }).getByRole('button', { name: 'Post "Deployment starting" to #rm-netops' }).click();
    const failed = other.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: failed' });
    await expect(failed.getByRole('alert')).toHaveText('Not posted to #rm-netops: Slack answered HTTP 500 Internal Server Error: internal_error.');
    // Retried from the other window: the first one sees the retry land.
    await failed.getByRole('button', { name: 'Retry the post to #rm-netops' }).click();
    await expect(page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 2: posted' })).toContainText('Slack answered 200');
    await expect(page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: failed' })).toContainText('Posted again since.');
    await other.close();
  });

  test('a rehearsal shows "would post to #rm-netops" and sends nothing', async ({ page }) => {
    served = await startServe(['--rehearsal-at', ROLLOUT_MORNING], { RC_SLACK_RM_NETOPS: slack.webhook(SECRET) });
    await openConsole(page, served.url);
    await openScreen(page, 'Evidence and exports');
    await expect(page.getByRole('region', { name: 'Slack announcements' })).toContainText('Rehearsal: a post is shown here as "would post", never sent.');
    await page.getByRole('button', { name: 'Post "Deployment starting" to #rm-netops' }).click();
    const post = page.getByRole('listitem', { name: 'Post to #rm-netops, attempt 1: would post' });
    await expect(post).toContainText('Rehearsal: would post to #rm-netops; nothing was sent.');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: test.info().outputPath('slack-would-post.png'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'a rehearsal\'s Slack post (dark)');
    expect(slack.received).toEqual([]);
    expect(logEvents(rehearsalDir(served.dataDir)).filter((e) => e.type.startsWith('announcement')).map((e) => e.type)).toEqual(['announcementWouldPost']);
  });
});
