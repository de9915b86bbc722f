// Issue 16 (Rehearsals: Clock) and issue 20: the demo's rehearsal is kept per start time, through restarts
// of the real serve process; next week's demo is a new rehearsal and last week's is kept; "Start over" in the
// banner archives the run's folder and begins again at the start. `--today` stands in for the wall clock.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { logEvents, rehearsalDir } from '../release-log';
import { startServe, stopServe, test, expect } from './fixtures';
import { advance, expectState, openConsole, openScreen, press } from './steps';
import { expectNoSeriousAxeViolations } from './axe';

const SATURDAY = '2026-11-28T19:30:00Z'; // rehearses Thu 3 Dec
const TUESDAY = '2026-12-01T09:00:00Z'; // the same week: the same rehearsal
const FRIDAY_FIVE_PM = '2026-12-04T17:00:00Z'; // past the rollout: next week's, Thu 10 Dec
const ENV = { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' };

test('the demo rehearsal resumes after a restart, next week is a new one, and Start over archives the run and begins again', async ({ page }, testInfo) => {
  // Four starts of the real serve process and two axe scans: over a minute on a loaded 2-core machine.
  test.slow();
  const first = await startServe(['--today', SATURDAY], ENV);
  const dataDir = first.dataDir;
  try {
    await openConsole(page, first.url);
    await openScreen(page, 'Checklist');
    await press(page, 'write-prod-cr@*', 'Mark done');
    await expectState(page, 'write-prod-cr@*', 'Done');
    await advance(page, '+1 h');
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 3 Dec, 11:55 UTC');
  } finally {
    await stopServe(first);
  }

  // Restarted in the same week: the same start time, so the same rehearsal, where it stopped.
  const resumed = await startServe(['--today', TUESDAY], ENV, dataDir);
  try {
    await openConsole(page, resumed.url);
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 3 Dec, 11:55 UTC');
    await openScreen(page, 'Checklist');
    await expectState(page, 'write-prod-cr@*', 'Done');
  } finally {
    await stopServe(resumed);
  }
  const lastWeek = JSON.stringify(logEvents(rehearsalDir(dataDir, '2026-12-03T10:55:00Z')));

  // Friday evening, after the rollout: the coming Thursday is next week's, a new rehearsal from its morning.
  const nextWeek = await startServe(['--today', FRIDAY_FIVE_PM], ENV, dataDir);
  try {
    await openConsole(page, nextWeek.url);
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 10 Dec, 10:55 UTC');
    await openScreen(page, 'Checklist');
    await expectState(page, 'write-prod-cr@*', 'Ready');
  } finally {
    await stopServe(nextWeek);
  }
  expect(readdirSync(path.join(dataDir, 'rehearsals')).sort()).toEqual(['20261203T105500Z', '20261210T105500Z']);
  // Last week's was only read, never written, by next week's start.
  expect(JSON.stringify(logEvents(rehearsalDir(dataDir, '2026-12-03T10:55:00Z')))).toBe(lastWeek);

  const again = await startServe(['--today', SATURDAY], ENV, dataDir);
  try {
    await openConsole(page, again.url);
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 3 Dec, 11:55 UTC');
    const banner = page.getByRole('region', { name: 'Rehearsal' });
    await banner.getByRole('button', { name: 'Start over…' }).click();
    const confirm = banner.getByRole('group', { name: 'Start the rehearsal over' });
    await expect(confirm).toContainText('Archive this run and start again at Thu 3 Dec, 10:55 UTC?');
    await page.screenshot({ path: testInfo.outputPath('rehearsal-start-over-confirm.png') });
    await expectNoSeriousAxeViolations(page, 'the rehearsal banner asking to start over');
    await confirm.getByRole('button', { name: 'Archive and start over' }).click();

    // The page reloads onto the new run: the morning again, the step to do again, the old run listed.
    await expect(page.locator('.rehearsal-time')).toHaveText('Thu 3 Dec, 10:55 UTC');
    await expect(page.getByRole('status')).toHaveText('Connected');
    await expect(banner.getByText('1 earlier run archived')).toBeVisible();
    await banner.getByText('1 earlier run archived').click();
    const archived = readdirSync(path.join(dataDir, 'rehearsals')).filter((name) => name.includes('~archived-'));
    expect(archived).toHaveLength(1);
    expect(archived[0]).toMatch(/^20261203T105500Z~archived-\d{8}T\d{6}(\.\d{3})?Z$/);
    await expect(banner.getByRole('list', { name: 'Archived runs of this rehearsal' })).toContainText(archived[0]!);
    await openScreen(page, 'Checklist');
    await expectState(page, 'write-prod-cr@*', 'Ready');
    await page.screenshot({ path: testInfo.outputPath('rehearsal-start-over.png') });
    await expectNoSeriousAxeViolations(page, 'the rehearsal banner listing an archived run');

    // The archive is the old run whole, ending with the start-over; next week's rehearsal is untouched.
    const old = logEvents(path.join(dataDir, 'rehearsals', archived[0]!));
    expect(old.at(-1)).toMatchObject({ type: 'rehearsalStartedOver', archivedAs: archived[0] });
    expect(old.filter((e) => e.type === 'stepFinished')).toHaveLength(1);
    expect(readdirSync(path.join(dataDir, 'rehearsals')).filter((name) => !name.includes('~')).sort()).toEqual(['20261203T105500Z', '20261210T105500Z']);
  } finally {
    await stopServe(again);
  }
});
