// Issue 15, "The release log in DynamoDB", in Chromium: two `release-console serve` processes (a PE desk
// and a QA desk), each with its own data folder and its own moto IAM user, on one DynamoDB table. The PE's
// QA tick shows in the QA window; the QA desk cut off from the store says so and refuses changes; back, it
// catches up.
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { createStoreTable } from '../../main/team/table';
import { startMoto, type Moto } from '../main/metrics/moto';
import { createDesk, storeFor, type Desk } from '../main/team/desks';
import { startTcpProxy, type TcpProxy } from '../main/team/tcp-proxy';
import { expect, ROOT, startServe, stopServe, test, type ServedConsole } from './fixtures';
import { ROLLOUT_MORNING, openScreen, run, setOperator, enableS01MaintenanceMode } from './steps';

let moto: Moto;
let admin: Desk;
let qaProxy: TcpProxy;
const served: ServedConsole[] = [];

test.beforeAll(async () => {
  moto = await startMoto();
  qaProxy = await startTcpProxy(moto.url);
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
});

test.afterAll(async () => {
  for (const desk of served) await stopServe(desk);
  admin?.clients.destroy();
  await qaProxy?.close();
  await moto?.stop();
});

/**
 * One desk: its copy of the demo workspace naming the table (with this desk's endpoint), an AWS shared
 * credentials file holding its own IAM user's keys under the store's profile, and its own serve process.
 */
async function serveDesk(table: string, user: string, endpoint: string): Promise<ServedConsole> {
  const desk = await createDesk(moto.url, `${user}-${randomUUID().slice(0, 6)}`, storeFor('unused', moto.url));
  desk.clients.destroy();
  const home = mkdtempSync(path.join(os.tmpdir(), `rc-e2e-${user}-`));
  const workspace = path.join(home, 'workspace');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
  appendFileSync(path.join(workspace, 'workspace.yaml'), `\nsharedStore:\n  table: ${table}\n  profile: release-store\n  region: us-east-1\n  endpoint: ${endpoint}\n`);
  const credentials = path.join(home, 'credentials');
  writeFileSync(credentials, `[release-store]\naws_access_key_id = ${desk.credentials.accessKeyId}\naws_secret_access_key = ${desk.credentials.secretAccessKey}\n`);
  const console = await startServe(['--workspace', workspace, '--rehearsal-at', ROLLOUT_MORNING], {
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
  });
  served.push(console);
  return console;
}

const qaItem = (page: Page, title: string) => page.locator('[data-qa]').filter({ has: page.locator('.step-title', { hasText: title }) });

async function openDesk(page: Page, desk: ServedConsole): Promise<void> {
  await page.goto(desk.url);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await openScreen(page, 'QA checklist');
}

test('a tick on the PE desk shows on the QA desk; the QA desk cut off from the store is read-only, then catches up', async ({ page, context }) => {
  test.setTimeout(120_000);
  const table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(admin.clients.dynamo, table);
  const peDesk = await serveDesk(table, 'pe-priya', moto.url);
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
