import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startMoto, type Moto } from '../main/metrics/moto';
import { calendarWorkspace } from '../main/workspace/calendar-workspace';
import { motoAccessKey, startSsmCalendarServer, type SsmCalendarServer } from '../main/workspace/ssm-calendar-server';
import { expect, startServe, stopServe, test, type ServedConsole } from './fixtures';
import { expectNoSeriousAxeViolations } from './axe';
import { openScreen, step } from './steps';

/**
 * Issue 19: a freeze kept in an AWS SSM Change Calendar blocks a step in the console, and the reason
 * names the freeze. moto 5.2.1 refuses ChangeCalendar documents in TEXT format and has no
 * GetCalendarState, so GetDocument is served by a local server speaking SSM's JSON protocol
 * (test/main/workspace/ssm-calendar-server.ts); the console reads it with the real @aws-sdk/client-ssm,
 * with the profile's keys that moto issued to an IAM user, and the server accepts only those.
 */

/** Tuesday 3 March 2026, 14:05 UTC: seed 001's Standard window is open and no YAML freeze applies. */
const STANDARD_WINDOW = '2026-03-03T14:05:00Z';

/** A Change Calendar as AWS keeps it: DEFAULT_OPEN, so its one event (all of 3 March in New York) is closed. */
const CHANGE_CALENDAR = [
  'BEGIN:VCALENDAR',
  'PRODID:-//AWS//Change Calendar 1.0//EN',
  'VERSION:2.0',
  'X-CALENDAR-TYPE:DEFAULT_OPEN',
  'X-WR-CALDESC:Platform change freezes',
  'X-CALENDAR-CMEVENTS:DISABLED',
  'BEGIN:VEVENT',
  'DTSTAMP:20260201T120000Z',
  'UID:5e0c2d4a-9f1b-4c8e-b2a7-3d6f8e1c0b9a',
  'SUMMARY:Payments platform migration',
  'DTSTART;TZID=America/New_York:20260303T000000',
  'DTEND;TZID=America/New_York:20260304T000000',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

let moto: Moto;
let ssm: SsmCalendarServer;
let served: ServedConsole | undefined;
let serveArgs: string[] = [];
let serveEnv: NodeJS.ProcessEnv = {};

test.beforeAll(async () => {
  test.setTimeout(90_000);
  moto = await startMoto();
  const key = await motoAccessKey(moto.url, 'release-console-e2e-calendar');
  ssm = await startSsmCalendarServer([{ name: 'PlatformChangeCalendar', content: CHANGE_CALENDAR }], key.accessKeyId);
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-calendar-'));
  writeFileSync(path.join(home, 'credentials'), `[change-calendar]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`);
  const workspace = calendarWorkspace(`{ ssm: { document: PlatformChangeCalendar, region: us-east-1, profile: change-calendar, endpoint: "${ssm.endpoint}" } }`, 'Platform change freeze');
  serveArgs = ['--workspace', workspace, '--rehearsal-at', STANDARD_WINDOW];
  serveEnv = { AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_CONFIG_FILE: path.join(home, 'config'), RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' };
  served = await startServe(serveArgs, serveEnv);
});

test.afterAll(async () => {
  if (served) await stopServe(served);
  await ssm?.close();
  await moto?.stop();
});

test('a freeze from an SSM Change Calendar blocks the canary in prod-use1, names itself in the reason, and the board says where it was read from', async ({ page }, testInfo) => {
  await page.goto(served!.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await openScreen(page, 'Checklist');
  const canary = step(page, 'canary-1@prod-use1');
  await expect(canary).toContainText('Platform change freeze: no deploys (Payments platform migration) on Tue 3 Mar, all day in New York');
  await expect(canary.locator('.step-head .badge')).toHaveText('Blocked');
  await canary.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('freeze-calendar-step.png') });

  await openScreen(page, 'Release board');
  const calendar = page.getByRole('listitem', { name: 'Freeze calendar: Platform change freeze' });
  await expect(calendar).toContainText('from the SSM Change Calendar PlatformChangeCalendar');
  await expect(calendar).toContainText(/fetched (less than a minute|\d+ minutes?) ago/);
  await calendar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('freeze-calendar-board.png') });
  // The board's two-week calendar draws the same freeze: the rehearsal's 3 March is inside the fortnight.
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Calendar' }).getByLabel(/^Freeze: Platform change freeze/).first()).toBeVisible();
  expect(ssm.requests).toEqual(['PlatformChangeCalendar']);
});

test('when the Change Calendar stops answering, the console says so and what it uses instead: the last good copy still blocks the canary', async ({ page }, testInfo) => {
  await stopServe(served!);
  ssm.failWith(500);
  try {
    // The same data folder, so the copy the first start kept is there.
    served = await startServe(serveArgs, serveEnv, served!.dataDir);
  } finally {
    ssm.failWith(null);
  }
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await expect(page.getByRole('alert').filter({ hasText: 'calendar' })).toHaveText(
    /^Freeze retail-freeze's calendar, the SSM Change Calendar PlatformChangeCalendar, could not be loaded: An internal error occurred \(InternalServerError, HTTP 500\)\. Using the last good copy, fetched (less than a minute|\d+ minutes?) ago\.$/,
  );
  await openScreen(page, 'Checklist');
  await expect(step(page, 'canary-1@prod-use1')).toContainText('Platform change freeze: no deploys (Payments platform migration)');
  await openScreen(page, 'Release board');
  const calendar = page.getByRole('listitem', { name: 'Freeze calendar: Platform change freeze' });
  await expect(calendar).toContainText('(last good copy)');
  await expect(calendar).toContainText('could not be loaded');
  await calendar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('freeze-calendar-stale.png') });
  await expectNoSeriousAxeViolations(page, 'the Release board with a freeze calendar that failed');
});

test('"Refresh" reads the Change Calendar again without a restart or a reload: the banner and the list follow each read', async ({ page }, testInfo) => {
  // The console of the test before, started while the calendar failed: it answers again now.
  await page.goto(served!.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await openScreen(page, 'Release board');
  const banner = page.getByRole('alert').filter({ hasText: "retail-freeze's calendar" });
  await expect(banner).toHaveCount(1);
  const calendars = page.getByRole('region', { name: 'Freeze calendars' });
  const calendar = calendars.getByRole('listitem', { name: 'Freeze calendar: Platform change freeze' });
  const asked = ssm.requests.length;

  await calendars.getByRole('button', { name: 'Refresh' }).click();
  await expect(banner).toHaveCount(0);
  await expect(calendar).not.toContainText('could not be loaded');
  await expect(calendar).toContainText(/^Platform change freezefrom the SSM Change Calendar PlatformChangeCalendarfetched less than a minute ago$/);
  expect(ssm.requests.length).toBeGreaterThan(asked);
  await calendar.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('freeze-calendar-refreshed.png') });

  ssm.failWith(500);
  try {
    await calendars.getByRole('button', { name: 'Refresh' }).click();
    await expect(banner).toHaveText(/could not be loaded: An internal error occurred \(InternalServerError, HTTP 500\)\. Using the last good copy, fetched less than a minute ago\.$/);
    await expect(calendar).toContainText('(last good copy)');
  } finally {
    ssm.failWith(null);
  }
  // The last good copy still decides: the canary stays blocked by the calendar's freeze.
  await openScreen(page, 'Checklist');
  await expect(step(page, 'canary-1@prod-use1')).toContainText('Platform change freeze: no deploys (Payments platform migration)');
  await openScreen(page, 'Release board');
  await page.screenshot({ path: testInfo.outputPath('freeze-calendar-refresh-failed.png') });
});
