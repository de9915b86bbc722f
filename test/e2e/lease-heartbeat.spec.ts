// Issue 15, "Region leases", across two `release-console serve` processes on one moto table: carol's desk
// runs "Enable maintenance mode" in S01 (held on the change lock), so S01's lease is hers and her desk beats
// its DynamoDB item. dave's window shows who holds S01 and when her desk last beat, offers no "Take over"
// while it is live, and the Record panel shows what dave's desk reads from the store per minute.
import { randomUUID } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { createStoreTable } from '../../main/team/table';
import { startMoto, type Moto } from '../main/metrics/moto';
import { createDesk, storeFor, type Desk } from '../main/team/desks';
import { expect, ROOT, startServe, stopServe, test, type ServedConsole } from './fixtures';
import { ROLLOUT_MORNING, expectState, openConsole, openScreen, press, setOperator, writeAndReviewProductionCr, captureBaseline } from './steps';

let moto: Moto;
let admin: Desk;
const served: ServedConsole[] = [];

test.beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'lease-admin', storeFor('unused', moto.url));
});

test.afterAll(async () => {
  for (const desk of served) await stopServe(desk);
  admin?.clients.destroy();
  await moto?.stop();
});

/** One desk: its copy of the demo workspace naming the table, its own IAM user's keys under the store's profile, its own serve. */
async function serveDesk(table: string, user: string, env: NodeJS.ProcessEnv): Promise<ServedConsole> {
  const desk = await createDesk(moto.url, `${user}-${randomUUID().slice(0, 6)}`, storeFor('unused', moto.url));
  desk.clients.destroy();
  const home = mkdtempSync(path.join(os.tmpdir(), `rc-e2e-${user}-`));
  const workspace = path.join(home, 'workspace');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
  appendFileSync(path.join(workspace, 'workspace.yaml'), `\nsharedStore:\n  table: ${table}\n  profile: release-store\n  region: us-east-1\n  endpoint: ${moto.url}\n`);
  const credentials = path.join(home, 'credentials');
  writeFileSync(credentials, `[release-store]\naws_access_key_id = ${desk.credentials.accessKeyId}\naws_secret_access_key = ${desk.credentials.secretAccessKey}\n`);
  const console = await startServe(['--workspace', workspace, '--rehearsal-at', ROLLOUT_MORNING], {
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    NO_COLOR: '1',
    TZ: 'UTC',
    ...env,
  });
  served.push(console);
  return console;
}

test("another desk's lease shows its holder and last heartbeat, offers no take-over while live, and the Record panel shows this desk's reads per minute", async ({ page, context }) => {
  test.setTimeout(120_000);
  const table = `rc-${randomUUID().slice(0, 8)}`;
  await createStoreTable(admin.clients.dynamo, table);
  // The change lock never frees: carol's step runs, and holds S01, until the test ends.
  const carolDesk = await serveDesk(table, 'pe-carol', { RELEASE_CONSOLE_DEMO_SPEED: '0', RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01' });
  const daveDesk = await serveDesk(table, 'oncall-dave', {});
  const carol = page;
  await openConsole(carol, carolDesk.url);
  await writeAndReviewProductionCr(carol);
  await setOperator(carol, 'carol');
  await captureBaseline(carol, 'sdc-baseline@S01');
  await press(carol, 'sdc-maintenance-on@S01', 'Run');
  await expectState(carol, 'sdc-maintenance-on@S01', 'Running');

  const dave = await context.newPage();
  await dave.setViewportSize({ width: 1400, height: 900 });
  await openConsole(dave, daveDesk.url);
  await setOperator(dave, 'dave', 'on-call PE');
  await openScreen(dave, 'Control pane');
  const lease = dave.locator('[data-lease="S01"]');
  await expect(lease.locator('.region-lease-holder')).toHaveText(/^Lease: carol \(PE\) · last heartbeat \d+ s ago · expires 10:56 UTC$/, { timeout: 20_000 });
  await expect(lease.locator('.region-lease-purpose')).toHaveText('for "Enable maintenance mode — SDC/LON (~11:00 London)"');
  await expect(lease.getByRole('button', { name: 'Take over…' })).toHaveCount(0);
  await expect(dave.locator('[data-lease="LON"]')).toHaveCount(0);
  await dave.screenshot({ path: path.join(ROOT, 'test-results', 'lease-held-by-another-desk.png') });

  await openScreen(dave, 'Evidence and exports');
  const traffic = dave.getByTestId('store-traffic');
  await expect(traffic).toContainText(`Team store: ${table}`);
  await expect(traffic).toContainText(/This desk: [1-9]\d* reads\/min · \d+ writes\/min/);
  await dave.locator('.record-panel').screenshot({ path: path.join(ROOT, 'test-results', 'record-store-traffic.png') });
});
