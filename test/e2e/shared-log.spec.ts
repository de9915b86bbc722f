// Issue 15, "The release log in DynamoDB", in Chromium: two `release-console serve` processes (a PE desk
// and a QA desk), each with its own data folder and its own moto IAM user, on one DynamoDB table. The PE's
// QA tick shows in the QA window; the QA desk cut off from the store says so and refuses changes; back, it
// catches up.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startTcpProxy, type TcpProxy } from '../main/team/tcp-proxy';
import { expect, ROOT, test, type ServedConsole } from './fixtures';
import { teamOfDesks } from './team-desks';
import { ROLLOUT_MORNING, openScreen, run, setOperator, enableS01MaintenanceMode } from './steps';

const team = teamOfDesks();
let qaProxy: TcpProxy;

test.beforeAll(async () => {
  qaProxy = await startTcpProxy(team.moto.url);
});

test.afterAll(async () => {
  await qaProxy?.close();
});

/** One desk, reaching the store at `endpoint` (the QA desk through a proxy the test can cut). */
const serveDesk = (table: string, user: string, endpoint: string) =>
  team.serveDesk({ table, user, storeEndpoint: endpoint, args: ['--rehearsal-at', ROLLOUT_MORNING], env: { RELEASE_CONSOLE_DEMO_SPEED: '0' } });

const qaItem = (page: Page, title: string) => page.locator('[data-qa]').filter({ has: page.locator('.step-title', { hasText: title }) });

async function openDesk(page: Page, desk: ServedConsole): Promise<void> {
  await page.goto(desk.url);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await openScreen(page, 'QA checklist');
}

test('a tick on the PE desk shows on the QA desk; the QA desk cut off from the store is read-only, then catches up', async ({ page, context }) => {
  test.setTimeout(120_000);
  const table = await team.table();
  const peDesk = await serveDesk(table, 'pe-priya', team.moto.url);
  const qaDesk = await serveDesk(table, 'qa-quinn', qaProxy.url);
  const pe = page;
  const qa = await context.newPage();
  await openDesk(pe, peDesk);
  await openDesk(qa, qaDesk);
  // Issue 17 (seed 000): QA ticks nothing before something is deployed, so the PE rolls S01 first.
  await enableS01MaintenanceMode(pe);
  await run(pe, 'sdc-deploy@S01');
  await openScreen(pe, 'QA checklist');
  // QA's checklist is QA's to tick (issue 17's owner rule): the first desk's persona turns QA for it.
  await setOperator(pe, 'priya', 'QA');
  await setOperator(qa, 'quinn', 'QA');

  await qaItem(pe, 'Sanity').getByRole('button', { name: 'Pass' }).click();
  await expect(qaItem(qa, 'Sanity').locator('.badge')).toHaveText('Passed');
  await expect(qaItem(qa, 'Sanity')).toContainText('Ticked by priya (QA)');

  qaProxy.setMode({ kind: 'drop' });
  const banner = qa.getByRole('alert', { name: 'Shared log' });
  await expect(banner).toContainText(/Shared log unreachable since \d\d:\d\d UTC — read-only/);
  await qa.screenshot({ path: path.join(ROOT, 'test-results', 'shared-log-unreachable.png') });
  await qaItem(qa, 'All smoke tests passing').getByRole('button', { name: 'Pass' }).click();
  await expect(qa.getByRole('alert').filter({ hasText: 'was not done: the team store has not answered since' })).toBeVisible();
  await expect(qaItem(qa, 'All smoke tests passing').locator('.badge')).not.toHaveText('Passed');

  // The first desk goes on meanwhile; back online, the QA desk catches up with it.
  await qaItem(pe, 'All smoke tests passing').getByRole('button', { name: 'Pass' }).click();
  await expect(qaItem(pe, 'All smoke tests passing').locator('.badge')).toHaveText('Passed');
  qaProxy.setMode({ kind: 'pass' });
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(qaItem(qa, 'All smoke tests passing').locator('.badge')).toHaveText('Passed');
  await expect(qaItem(qa, 'All smoke tests passing')).toContainText('Ticked by priya (QA)');
});
