// Issue 15's "Done when", in Chromium: five `release-console serve` processes (a PE, a second PE, QA and
// two on-call engineers), each with its own data folder and its own moto IAM user, on one DynamoDB table,
// outside a rehearsal, so each desk is who STS says it is. What one desk does shows on the others; the PE
// cannot approve their own instructions and the second PE can; two on-call desks pressing "Roll back
// HO-1234" at once start exactly one rollback, and the other desk is told who is running it, since when.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { scanLog } from '../../main/storage/log-scan';
import { sharedRefOf } from '../../main/storage/log-entry';
import { LOG_FILE } from '../../main/storage/repository';
import { DynamoLog } from '../../main/team/dynamo-log';
import { systemClock } from '../../shared/clock';
import { ReleaseEvent } from '../../shared/engine/events';
import { PRESENCE_HEARTBEAT_MS } from '../../shared/team/presence';
import { startMoto, type Moto } from '../main/metrics/moto';
import { createDesk, storeFor, type Desk } from '../main/team/desks';
import { SDC_METRICS_PROFILE, seedHealthyMinutes, teamWorkspace, TEAM_WORKSPACE_NAME } from '../main/team/team-workspace';
import { expect, startServe, stopServe, test, type ServedConsole } from './fixtures';
import { enterPaletteCommand, expectState, openConsole, openScreen, press, run, step, captureBaseline } from './steps';

let moto: Moto;
let admin: Desk;
const served: ServedConsole[] = [];

test.beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  await seedHealthyMinutes(moto.url, 'S01', 'eu-west-1');
});

test.afterAll(async () => {
  for (const desk of served) await stopServe(desk);
  admin?.clients.destroy();
  await moto?.stop();
});

/**
 * One desk: its own moto IAM user's keys under the store's profile in its own AWS credentials file (as
 * `aws configure` writes it, beside the SDC regions' CloudWatch profile), and its own serve process. The
 * region's tools keep one state file for all desks, as one real region is one.
 */
async function serveDesk(workspace: string, user: string, regionState: string): Promise<ServedConsole> {
  const desk = await createDesk(moto.url, user, storeFor('unused', moto.url));
  desk.clients.destroy();
  const home = mkdtempSync(path.join(os.tmpdir(), `rc-e2e-${user}-`));
  const credentials = path.join(home, 'credentials');
  writeFileSync(credentials, `[release-store]\naws_access_key_id = ${desk.credentials.accessKeyId}\naws_secret_access_key = ${desk.credentials.secretAccessKey}\n[${SDC_METRICS_PROFILE}]\naws_access_key_id = testing\naws_secret_access_key = testing\n`);
  const console = await startServe(['--workspace', workspace], {
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: path.join(home, 'config'),
    [CLOUDWATCH_ENDPOINT_ENV]: moto.url,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    RELEASE_CONSOLE_DEMO_STATE: regionState,
    NO_COLOR: '1',
  });
  served.push(console);
  return console;
}

async function windowOf(browser: Browser, desk: ServedConsole): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openConsole(page, desk.url);
  return page;
}

const qaItem = (page: Page, title: string) => page.locator('[data-qa]').filter({ has: page.locator('.step-title', { hasText: title }) });

/** The shared chain's head as a desk's own replica on disk holds it: the last event the store accepted. */
async function replicaHead(desk: ServedConsole): Promise<{ seq: number; hash: string } | null> {
  const scan = await scanLog(path.join(desk.dataDir, 'live', LOG_FILE));
  const refs = scan.entries.flatMap(({ entry }) => {
    const ref = sharedRefOf(entry);
    return ref ? [ref] : [];
  });
  const last = refs.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : null;
}

test('five desks on one table: ticks travel, the second PE is another identity, and two on-call desks racing start one rollback', async ({ browser }) => {
  test.setTimeout(240_000);
  const { dir, table } = await teamWorkspace(admin, { endpoint: moto.url, liveRollout: true });
  const regionState = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-region-')), 'demo-tools.state');
  const desks = {
    pe: await serveDesk(dir, 'pe-priya', regionState),
    secondPe: await serveDesk(dir, 'pe-bob', regionState),
    qa: await serveDesk(dir, 'qa-quinn', regionState),
    carol: await serveDesk(dir, 'oncall-carol', regionState),
    dave: await serveDesk(dir, 'oncall-dave', regionState),
  };
  const pe = await windowOf(browser, desks.pe);
  const secondPe = await windowOf(browser, desks.secondPe);
  const qa = await windowOf(browser, desks.qa);
  const carol = await windowOf(browser, desks.carol);
  const dave = await windowOf(browser, desks.dave);
  // Each desk is its STS identity, mapped to its role by the workspace; nothing to type.
  for (const [page, who] of [[pe, 'pe-priya|PE'], [secondPe, 'pe-bob|PE'], [qa, 'qa-quinn|QA'], [carol, 'oncall-carol|on-call PE'], [dave, 'oncall-dave|on-call PE']] as const) {
    await expect(page.getByLabel('Signed in as')).toHaveAttribute('data-operator', who);
    await expect(page.getByLabel('Operator name')).toHaveCount(0);
  }

  // The PE writes the CR instructions; their own approval is refused by identity, the second PE's is not.
  for (const page of [pe, secondPe]) await openScreen(page, 'Checklist');
  await press(pe, 'write-prod-cr@*', 'Mark done');
  await expectState(pe, 'write-prod-cr@*', 'Done');
  await expect(step(pe, 'review-prod-cr@*').getByRole('button', { name: 'Approve as pe-priya' })).toBeDisabled();
  await expect(step(pe, 'review-prod-cr@*').getByRole('button', { name: 'Approve as pe-priya' })).toHaveAccessibleDescription(/pe-priya did "PE writes Production CR instructions" and cannot also approve/);
  await expectState(secondPe, 'write-prod-cr@*', 'Done');
  await expect(step(secondPe, 'write-prod-cr@*')).toContainText('Done by pe-priya (PE)');
  await press(secondPe, 'review-prod-cr@*', 'Approve as pe-bob');
  await expectState(secondPe, 'review-prod-cr@*', 'Done');
  await expectState(pe, 'review-prod-cr@*', 'Done');

  // The PE deploys HO-1234 to S01; every other desk sees it done.
  await openScreen(pe, 'Checklist');
  await captureBaseline(pe, 'sdc-baseline@S01');
  await run(pe, 'sdc-maintenance-on@S01');
  await run(pe, 'sdc-deploy@S01');
  for (const page of [secondPe, carol, dave]) {
    await openScreen(page, 'Checklist');
    await expectState(page, 'sdc-deploy@S01', 'Done');
    await expect(step(page, 'sdc-deploy@S01')).toContainText('pe-priya (PE)');
  }

  // QA ticks on its own desk once something is deployed (issue 17, seed 000); the PE and both on-call desks see who ticked it.
  await openScreen(qa, 'QA checklist');
  await qaItem(qa, 'Sanity').getByRole('button', { name: 'Pass' }).click();
  for (const page of [pe, carol, dave]) {
    await openScreen(page, 'QA checklist');
    await expect(qaItem(page, 'Sanity').locator('.badge')).toHaveText('Passed');
    await expect(qaItem(page, 'Sanity')).toContainText('Ticked by qa-quinn (QA)');
  }
  // The PE desk read the store's presence when its window moved to the QA checklist; QA's own move, written
  // beside its tick, may not have reached the store by then, and then it shows at the PE desk's next beat
  // (PRESENCE_HEARTBEAT_MS, 20 s), past the default 10 s expect.
  await expect(pe.getByRole('region', { name: 'Also at this release' })).toContainText('qa-quinn (QA) is on the QA checklist', { timeout: PRESENCE_HEARTBEAT_MS + 5_000 });

  // Both on-call engineers confirm the rollback, then press "Roll back HO-1234 now" at the same moment.
  const dialogs = [];
  for (const page of [carol, dave]) {
    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, 'Roll back HO-1234');
    const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
    await dialog.getByLabel('Type HO-1234 to confirm').fill('HO-1234');
    await expect(dialog.getByRole('button', { name: 'Roll back HO-1234 now' })).toBeEnabled();
    dialogs.push(dialog);
  }
  // At the same instant by the machine's clock, in each page: Playwright's two clicks, each after its own checks,
  // landed up to 150 ms apart under load, and the first desk's rollback could reach the second desk, whose
  // dialog then showed it and no longer had the button, before the second click (a CI run waited 4 min on it).
  const pressAt = Date.now() + 500;
  await Promise.all(
    dialogs.map((dialog) =>
      dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).evaluate(
        (button, at) =>
          new Promise<void>((pressed) =>
            setTimeout(() => {
              (button as HTMLButtonElement).click();
              pressed();
            }, at - Date.now()),
          ),
        pressAt,
      ),
    ),
  );

  // Exactly one rollback started in the shared chain, and it ran to the end.
  const chain = new DynamoLog({ documents: admin.clients.documents, table, workspaceId: TEAM_WORKSPACE_NAME, clock: systemClock() });
  const started = async () => (await chain.tail(0)).map((entry) => ReleaseEvent.parse(entry.body)).filter((event) => event.type === 'rollbackChanged' && event.intent === 'startRollback');
  await expect.poll(async () => (await started()).length, { timeout: 20_000 }).toBe(1);
  const [winnerEvent] = await started();
  const winner = winnerEvent!.actor.name;
  expect(['oncall-carol', 'oncall-dave']).toContain(winner);
  const [winnerPage, loserPage] = winner === 'oncall-carol' ? [carol, dave] : [dave, carol];
  // The desk's day and clock, as a step's row names an instant (this desk reads UTC).
  const since = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(winnerEvent!.at);
  await expect(loserPage.getByRole('alert').filter({ hasText: `HO-1234 is already being rolled back by ${winner} (on-call PE) since ${since} UTC.` })).toBeVisible();
  await loserPage.screenshot({ path: path.join('test-results', 'five-desks-rollback-loser.png') });
  await expect(winnerPage.getByRole('dialog', { name: 'Roll back HO-1234' }).getByLabel('Rollback status')).toHaveText(/HO-1234 rolled back/, { timeout: 60_000 });
  await expect(loserPage.getByRole('dialog', { name: 'Roll back HO-1234' }).getByLabel('Rollback status')).toHaveText(/HO-1234 rolled back/, { timeout: 30_000 });
  expect(await started()).toHaveLength(1);

  // Every desk converges on the table's head: one chain, one head hash, each event once.
  const heads = async () => {
    const entries = await chain.tail(0);
    return [{ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash }, ...(await Promise.all(Object.values(desks).map(replicaHead)))].map((head) => JSON.stringify(head));
  };
  await expect.poll(async () => new Set(await heads()).size, { timeout: 20_000 }).toBe(1);
  const entries = await chain.tail(0);
  expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  expect((await chain.verify(null)).problems).toEqual([]);
});
