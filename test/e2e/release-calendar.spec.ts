// Issue 19: the Release board's two-week calendar of windows and freezes, and its .ics export.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { expectNoSeriousAxeViolations } from './axe';
import { ROOT, expect, test } from './fixtures';
import { ROLLOUT_MORNING, advance, openConsole, openScreen } from './steps';

// The demo has no freeze; a copy of it gets one in its rules.yaml, inside the fortnight from Thursday 19 March 2026.
const workspaceDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-calendar-')), 'workspace');
cpSync(path.join(ROOT, 'workspaces', 'demo'), workspaceDir, { recursive: true });
const rules = path.join(workspaceDir, 'rules.yaml');
writeFileSync(
  rules,
  readFileSync(rules, 'utf8').replace(
    /^freezes: \[\]$/m,
    ['freezes:', '  - id: spring-launch', '    title: Spring launch freeze', '    reason: product launch', '    zone: Europe/London', '    periods: [{ kind: dates, from: "2026-03-24", to: "2026-03-25" }]'].join('\n'),
  ),
);

// The operator sits in London; the fortnight crosses the change to summer time on Sunday 29 March.
test.use({ serveArgs: ['--workspace', workspaceDir, '--rehearsal-at', ROLLOUT_MORNING], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' }, timezoneId: 'Europe/London' });

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(vtimezone);
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

test("the board's Calendar shows the regions' windows, the freeze and now, in the operator's zone", async ({ page, served }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  const toggle = page.getByRole('button', { name: 'Calendar', exact: true });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const calendar = page.getByRole('region', { name: 'Calendar' });
  await expect(calendar.getByText('Times in London (Europe/London)')).toBeVisible();

  await expect(calendar.getByRole('button', { name: 'Window: EUW2, Thu 19 Mar, 18:00 – 24:00 London' })).toBeVisible();
  // After the clocks go forward EUW2 still opens at 18:00 London, and USE2's "before 14:00" starts at midnight.
  await expect(calendar.getByRole('button', { name: 'Window: EUW2, Sun 29 Mar, 18:00 – 24:00 London' })).toBeVisible();
  await expect(calendar.getByRole('button', { name: 'Window: USE2, Mon 30 Mar, 00:00 – 14:00 London' })).toBeVisible();
  await expect(calendar.getByRole('button', { name: 'Window: APSE1, Thu 19 Mar, 11:00 – 13:00 London' })).toBeVisible();
  await expect(calendar.getByRole('button', { name: 'Window: S01, Thu 19 Mar – Wed 1 Apr, all day in London (began earlier; goes on after these two weeks)' })).toBeVisible();
  // A lane open at any time says so alone: a zone follows a clock time ("after 18:00 London"), never "at any time".
  await expect(calendar.locator('.calendar-lane-label').filter({ hasText: 'S01' }).locator('.calendar-lane-detail')).toHaveText('at any time');
  await expect(calendar.locator('.calendar-lane-label').filter({ hasText: 'EUW2' }).locator('.calendar-lane-detail')).toHaveText('after 18:00 London');
  const freeze = calendar.getByRole('button', { name: 'Freeze: Spring launch freeze, Tue 24 Mar – Wed 25 Mar, all day in London' });
  await expect(freeze).toBeVisible();
  await expect(freeze).toHaveText('Spring launch freeze');
  // Every lane carries today's line at the rehearsal clock, Thursday 10:55.
  await expect(calendar.locator('.calendar-corner')).toHaveText('Now 10:55');
  await expect(calendar.locator('.calendar-now')).toHaveCount(await calendar.locator('.calendar-track').count());
  await expect(calendar.locator('.calendar-day.today')).toHaveText('Thu 19 Mar');
  // Every day's heading is whole in its column at 1280 px: the first day's "Thu 19 Mar" was cut to "Thu 19 Ma".
  await page.setViewportSize({ width: 1280, height: 720 });
  const cut = await calendar.locator('.calendar-day').evaluateAll((days) => days.filter((day) => day.scrollWidth > day.clientWidth).map((day) => day.textContent));
  expect(cut).toEqual([]);

  // One Tab stop; the arrow keys walk the blocks, and the line below says which is focused and why.
  await calendar.getByRole('button', { name: /^Window: USE2, Thu 19 Mar, 00:00/ }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', 'Window: USE2, Fri 20 Mar, 00:00 – 14:00 London');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator(':focus')).toHaveAttribute('aria-label', 'Window: USW2, Fri 20 Mar, 00:00 – 14:00 London');
  await expect(calendar.locator('.calendar-detail')).toContainText('Window: USW2, Fri 20 Mar, 00:00 – 14:00 London · USE2/USW2 out-of-hours window: before 14:00 London');
  await freeze.focus();
  await expect(calendar.locator('.calendar-detail')).toContainText('Freeze: Spring launch freeze, Tue 24 Mar – Wed 25 Mar, all day in London · frozen all day Tue 24 – Wed 25 Mar in London; product launch');

  await expectNoSeriousAxeViolations(page, 'the Release board calendar (dark)');
  await calendar.screenshot({ path: testInfo.outputPath('calendar-dark.png') });
  await page.getByRole('button', { name: 'Switch to light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expectNoSeriousAxeViolations(page, 'the Release board calendar (light)');
  await calendar.screenshot({ path: testInfo.outputPath('calendar-light.png') });

  // The rehearsal clock moved into Friday: the calendar starts from the new day, its line at the new now.
  await advance(page, '+1 h', 14);
  await expect(calendar.locator('.calendar-corner')).toHaveText('Now 00:55');
  await expect(calendar.locator('.calendar-day').first()).toHaveText('Fri 20 Mar');
  await expect(calendar.locator('.calendar-day.today')).toHaveText('Fri 20 Mar');
  await expect(calendar.getByRole('button', { name: 'Window: EUW2, Thu 2 Apr, 18:00 – 24:00 London' })).toBeVisible();
});

test('"Export calendar (.ics)" downloads the windows and the freeze, and /calendar.ics serves the same to a subscriber', async ({ page, served, request }) => {
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  await page.getByRole('button', { name: 'Calendar', exact: true }).click();
  const downloading = page.waitForEvent('download');
  // Pressed from the keyboard, it keeps the focus while it exports (refused, not natively disabled, which drops it).
  const exportButton = page.getByRole('button', { name: 'Export calendar (.ics)' });
  await exportButton.focus();
  await page.keyboard.press('Enter');
  const download = await downloading;
  await expect(exportButton).toBeFocused();
  await expect(exportButton).toBeEnabled();
  expect(download.suggestedFilename()).toBe('demo-regional-rt-platform-windows-and-freezes.ics');
  const text = readFileSync((await download.path())!, 'utf8');
  const events = parseIcs(text);
  const eu = events.find((e) => e.summary === 'Window: EUW2/EUC1 out-of-hours window');
  expect(eu?.startDate.toString()).toBe('2026-03-19T18:00:00');
  expect(eu?.startDate.zone?.tzid).toBe('Europe/London');
  expect(eu?.isRecurring()).toBe(true);
  const freeze = events.find((e) => e.summary === 'Freeze: Spring launch freeze');
  expect([freeze?.startDate.toString(), freeze?.endDate.toString()]).toEqual(['2026-03-24', '2026-03-26']);

  const subscribed = await request.get(`${served.origin}/calendar.ics?token=${served.token}`);
  expect(subscribed.status()).toBe(200);
  expect(subscribed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await subscribed.text()).toBe(text);
  const longer = parseIcs(await (await request.get(`${served.origin}/calendar.ics?token=${served.token}&weeks=8`)).text());
  expect(longer.find((e) => e.summary === 'Window: Any time')?.component.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=DAILY;UNTIL=20260513T235959Z');
  const refused = await request.get(`${served.origin}/calendar.ics?token=${served.token}&weeks=60`);
  expect(refused.status()).toBe(400);
  expect(await refused.text()).toContain('weeks');
  expect((await request.get(`${served.origin}/calendar.ics`)).status()).toBe(401);
});

test.describe("seed 001's workspace at Christmas", () => {
  // Wednesday 23 December 2026, 15:00 UTC, with the operator in New York: the holiday freeze runs past the year end.
  test.use({ serveArgs: ['--workspace', path.join(ROOT, 'workspaces', 'canary-progressive'), '--rehearsal-at', '2026-12-23T15:00:00Z'], timezoneId: 'America/New_York' });

  test('the Calendar shows the release types’ windows and the holiday freeze across the year end, in New York time', async ({ page, served }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openConsole(page, served.url);
    await openScreen(page, 'Release board');
    await page.getByRole('button', { name: 'Calendar', exact: true }).click();
    const calendar = page.getByRole('region', { name: 'Calendar' });
    await expect(calendar.getByText('Times in New York (America/New_York)')).toBeVisible();
    // Freezes written in UTC begin at 19:00 the evening before in New York.
    await expect(calendar.getByRole('button', { name: 'Freeze: Holiday freeze, Wed 23 Dec, 00:00 – Sat 2 Jan, 19:00 New York (began earlier)' })).toBeVisible();
    await expect(calendar.getByRole('button', { name: 'Freeze: Quarter-end freeze, Mon 28 Dec, 19:00 – Thu 31 Dec, 19:00 New York' })).toBeVisible();
    await expect(calendar.getByRole('button', { name: 'Window: Standard window, Mon 4 Jan, 09:00 – 13:00 New York' })).toBeVisible();
    await expect(calendar.locator('.calendar-lane-label').filter({ hasText: 'Product launch freeze' })).toBeVisible();
    await expect(calendar.locator('.calendar-track').filter({ hasText: 'not frozen in these two weeks' })).toHaveCount(1);
    await calendar.screenshot({ path: testInfo.outputPath('calendar-seed-001.png') });
  });
});
