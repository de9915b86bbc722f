// Issue 20: a step whose window has shut for the rest of the day says when it next opens, with the day.
import { test, expect } from './fixtures';
import { expectState, openConsole, openScreen, press, setOperator, step, captureBaseline, rehearsalAt } from './steps';

const EMERGENCY = 'Emergency — SIP proxy crash fix';

// Friday 20 March 2026, 15:00 GMT: USE2's window (before 14:00 London) has shut until Saturday's midnight.
test.use(rehearsalAt('2026-03-20T15:00:00Z'));

test('a step shut for the rest of the day names the day and time it next opens', async ({ page, served }, testInfo) => {
  await openConsole(page, served.url);
  await openScreen(page, 'Release board');
  await page.getByRole('region', { name: 'Releases' }).getByRole('button', { name: EMERGENCY }).click();
  await setOperator(page, 'alice', 'on-call PE');
  await openScreen(page, 'Checklist');
  await press(page, 'emergency-form@*', 'Mark done');
  await expectState(page, 'emergency-form@*', 'Done');
  await press(page, 'consult-on-call@*', /Approve as alice/);
  await expectState(page, 'consult-on-call@*', 'Done');
  await press(page, 'raise-rm-netops@*', 'Mark done');
  await expectState(page, 'raise-rm-netops@*', 'Done');
  await captureBaseline(page, 'emergency-baseline@USE2');
  const shut = step(page, 'emergency-maintenance-on@USE2');
  await expectState(page, 'emergency-maintenance-on@USE2', 'Blocked');
  await expect(shut.locator('.opens')).toContainText(/^Not today: next opens Sat 21 Mar, 00:00 London · Fri 20 Mar, 20:00 New York.* in 9 hours$/);
  await expect(shut.locator('.reasons')).toContainText('next opening Sat 21 Mar 00:00 London');
  await shut.screenshot({ path: testInfo.outputPath('step-next-opening.png') });
});
