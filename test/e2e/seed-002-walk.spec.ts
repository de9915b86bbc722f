import path from 'node:path';
import { test, expect, ROOT } from './fixtures';
import { advance, expectState, openRegion, openScreen, press, run, setOperator, step, terminalRows } from './steps';

/** Seed 002 (DOC-0020): staging, a 24-hour soak, governance approval, then blue-green production. Monday 2 March 2026, 09:00 UTC. */
const WORKSPACE = path.join(ROOT, 'workspaces', 'blue-green-governed');
const MONDAY = '2026-03-02T09:00:00Z';

test.use({ serveArgs: ['--workspace', WORKSPACE, '--rehearsal-at', MONDAY], serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' } });
test.setTimeout(240_000);

test('seed 002 walked whole: staging, soak, governance approval, green, the switch and its 15-minute watch, a breach switched back to blue', async ({ page, served }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await page.goto(served.url);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await setOperator(page, 'dana', 'deployment engineer');
  await openScreen(page, 'Checklist');
  await shot('01-start');

  await press(page, 'prerequisites@*', 'Mark done');
  await expectState(page, 'prerequisites@*', 'Done');
  await run(page, 'staging-health@staging');
  await run(page, 'staging-deploy@staging');
  await run(page, 'staging-smoke@staging');
  await shot('02-staging');

  // Seed 002: a minimum of 24 hours soak in staging. The soak holds the approval until its hours have passed.
  await expectState(page, 'staging-soak@staging', 'Blocked');
  await advance(page, '+1 h', 23);
  await expectState(page, 'staging-soak@staging', 'Blocked');
  await expectState(page, 'production-approval@*', 'Blocked');
  await advance(page, '+1 h');
  await expectState(page, 'staging-soak@staging', 'Done');

  // Governance Sentinel and Service Owner approve production; the deployment engineer cannot.
  await expectState(page, 'production-approval@*', 'Ready');
  await shot('03-approval');
  await setOperator(page, 'grace', 'Governance Sentinel');
  await press(page, 'production-approval@*', /Approve as grace/);
  await setOperator(page, 'sam', 'Service Owner');
  await press(page, 'production-approval@*', /Approve as sam/);
  await expectState(page, 'production-approval@*', 'Done');

  await setOperator(page, 'dana', 'deployment engineer');
  await run(page, 'production-health@production');
  await run(page, 'verify-backup@production');
  await press(page, 'baseline@production', 'Capture baseline');
  await expectState(page, 'baseline@production', 'Done');
  await run(page, 'deploy-green@production');
  await run(page, 'green-rollout@production');
  await run(page, 'smoke-green@production');
  await run(page, 'switch-to-green@production');
  await shot('04-switched');
  await press(page, 'monitor-15@production', 'Start watching');
  await expectState(page, 'monitor-15@production', 'Running');
  await advance(page, '+1 min', 14);
  await expectState(page, 'monitor-15@production', 'Running');
  await shot('05-watching');
  await advance(page, '+1 min');
  await expectState(page, 'monitor-15@production', 'Done');
  await press(page, 'log-deployment@*', 'Mark done');
  await expectState(page, 'log-deployment@*', 'Done');
  await shot('06-done');
});
