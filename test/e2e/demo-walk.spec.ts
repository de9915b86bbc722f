import { startServe, stopServe, test, expect } from './fixtures';
import { expectState, openScreen, press, setOperator } from './steps';

// A newcomer starts the demo with no flags. `--today` stands in for the wall clock that picks "the coming
// Thursday", so each case is the same walk on a different real day.
const STARTS = [
  { today: '2026-11-28T19:30:00Z', day: 'a Saturday evening', rehearsal: 'Thu 3 Dec, 10:55 UTC', gate5: 'Fri 4 Dec, 10:00 UTC (10:00 London)' },
  { today: '2026-03-29T00:30:00Z', day: 'the night clocks go forward', rehearsal: 'Thu 2 Apr, 09:55 UTC', gate5: 'Fri 3 Apr, 09:00 UTC (10:00 London)' },
  { today: '2026-10-25T00:30:00Z', day: 'the night clocks go back', rehearsal: 'Thu 29 Oct, 10:55 UTC', gate5: 'Fri 30 Oct, 10:00 UTC (10:00 London)' },
  { today: '2026-07-02T15:00:00Z', day: 'a Thursday afternoon in summer time', rehearsal: 'Thu 2 Jul, 09:55 UTC', gate5: 'Fri 3 Jul, 09:00 UTC (10:00 London)' },
  { today: '2026-12-03T22:30:00Z', day: 'a Thursday night', rehearsal: 'Thu 3 Dec, 10:55 UTC', gate5: 'Fri 4 Dec, 10:00 UTC (10:00 London)' },
  { today: '2026-12-04T17:00:00Z', day: 'a Friday at 17:00', rehearsal: 'Thu 10 Dec, 10:55 UTC', gate5: 'Fri 11 Dec, 10:00 UTC (10:00 London)' },
];

for (const start of STARTS) {
  test(`started on ${start.day}, the demo opens as a rehearsal of the coming Thursday's rollout morning with a step that can be done`, async ({ page }) => {
    const served = await startServe(['--today', start.today], { RELEASE_CONSOLE_DEMO_SPEED: '0' });
    try {
      await page.goto(served.url);
      await expect(page.getByRole('status')).toHaveText('Connected');
      const banner = page.getByRole('region', { name: 'Rehearsal' });
      await expect(banner).toContainText('Rehearsal — simulated clock');
      await expect(banner).toContainText("The time at the top is this rehearsal's: it moves only when you press +1 min, +15 min or +1 h beside it.");
      // The time is the status bar's, beside the buttons that move it; the banner said it again. It reads in the desk's
      // UTC, as every recorded time does.
      await expect(page.locator('.rehearsal-time')).toHaveText(start.rehearsal);
      await expect(page.getByText(start.rehearsal)).toHaveCount(1);
      await expect(banner).not.toContainText(start.rehearsal);
      await expect(banner.getByRole('button', { name: 'Open the demo live' })).toBeEnabled();

      await setOperator(page, 'alice', 'PE');
      await openScreen(page, 'Checklist');
      await expectState(page, 'write-prod-cr@*', 'Ready');
      await press(page, 'write-prod-cr@*', 'Mark done');
      await expectState(page, 'write-prod-cr@*', 'Done');
      // Gate 5 is due on the Friday after the rehearsal Thursday, so nothing says it was missed.
      await expect(page.getByText(/ago/)).toHaveCount(0);
      await openScreen(page, 'Release board');
      // The deadline reads in the desk's zone, as every recorded time does, with the rule's London beside it (a
      // zone's name as every other time on the console gives it, not "Europe/London"); and the gate's count as the
      // checklist's ("1 of 72 steps done"), not "1/72".
      const gates = page.getByRole('region', { name: 'Gates' });
      await expect(gates.getByText(`Due ${start.gate5}, in `)).toBeVisible();
      await expect(gates).not.toContainText('Europe/London');
      await expect(gates.getByRole('listitem')).toContainText(/(^|\D)1 of \d+ steps done/);
      await expect(page.getByText(/ago/)).toHaveCount(0);
    } finally {
      await stopServe(served);
    }
  });
}

test('the demo goes live with one click and back to its rehearsal with another, behind the same URL', async ({ page }) => {
  const served = await startServe(['--today', '2026-11-28T19:30:00Z'], { RELEASE_CONSOLE_DEMO_SPEED: '0' });
  try {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await page.getByRole('region', { name: 'Rehearsal' }).getByRole('button', { name: 'Open the demo live' }).click();
    const live = page.getByRole('region', { name: 'Live demo' });
    await expect(live).toContainText('Demo on the live clock');
    await expect(page.getByRole('status')).toHaveText('Connected');
    await expect(page.locator('.rehearsal-time')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Rehearsal' })).toHaveCount(0);

    await live.getByRole('button', { name: 'Rehearse the coming rollout' }).click();
    await expect(page.getByRole('region', { name: 'Rehearsal' })).toContainText('Rehearsal — simulated clock');
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 3 Dec, 10:55 UTC');
  } finally {
    await stopServe(served);
  }
});

test('a pinned --rehearsal-at keeps the demo where it was written and offers no switch', async ({ page }) => {
  const served = await startServe(['--rehearsal-at', '2026-03-19T10:55:00Z', '--today', '2026-11-28T19:30:00Z']);
  try {
    await page.goto(served.url);
    await expect(page.getByRole('region', { name: 'Rehearsal' })).toContainText('Rehearsal — simulated clock');
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 19 Mar, 10:55 UTC');
    await expect(page.getByRole('button', { name: 'Open the demo live' })).toHaveCount(0);
  } finally {
    await stopServe(served);
  }
});

test.describe('on a 1280×720 screen', () => {
  test.use({ viewport: { width: 1280, height: 720 }, serveArgs: ['--today', '2026-11-28T19:30:00Z'], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0' } });

  test('the rehearsal banner keeps "Start over…" beside its title, its sentence wrapping between them', async ({ page, served }, testInfo) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const banner = page.getByRole('region', { name: 'Rehearsal' });
    await expect(banner).toContainText('it moves only when you press +1 min, +15 min or +1 h beside it');
    const title = (await banner.getByText('Rehearsal — simulated clock').boundingBox())!;
    const startOver = (await banner.getByRole('button', { name: 'Start over…' }).boundingBox())!;
    // Before, the button sat alone on a third row, under the sentence.
    expect(startOver.y, '"Start over…" on the title\'s row').toBeLessThan(title.y + title.height);
    await page.screenshot({ path: testInfo.outputPath('rehearsal-banner-1280.png') });
    await page.screenshot({ path: 'test-results/rehearsal-banner-1280.png' });
  });
});
