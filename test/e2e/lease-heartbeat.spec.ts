// Issue 15, "Region leases", across two `release-console serve` processes on one moto table: carol's desk
// runs "Enable maintenance mode" in S01 (held on the change lock), so S01's lease is hers and her desk beats
// its DynamoDB item. dave's window shows who holds S01 and when her desk last beat, offers no "Take over"
// while it is live, and the Record panel shows what dave's desk reads from the store per minute.
import path from 'node:path';
import { expect, ROOT, test } from './fixtures';
import { teamOfDesks } from './team-desks';
import { ROLLOUT_MORNING, expectState, openConsole, openScreen, press, setOperator, writeAndReviewProductionCr, captureBaseline } from './steps';

const team = teamOfDesks('lease-admin');

const serveDesk = (table: string, user: string, env: NodeJS.ProcessEnv) =>
  team.serveDesk({ table, user, args: ['--rehearsal-at', ROLLOUT_MORNING], env: { NO_COLOR: '1', TZ: 'UTC', ...env } });

test("another desk's lease shows its holder and last heartbeat, offers no take-over while live, and the Record panel shows this desk's reads per minute", async ({ page, context }) => {
  test.setTimeout(120_000);
  const table = await team.table();
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
  // dave's rehearsal clock stands at 10:55 while real time passes: her lease expires a lease duration of his desk's
  // real (monotonic) time after it last saw her beat, shown on the rehearsal's clock: 10:56 when the view is pushed
  // on a beat just read, 10:55:xx when a second or more has passed since.
  await expect(lease.locator('.region-lease-holder')).toHaveText(/^Lease: carol \(PE\) · last heartbeat \d+ s ago · expires 10:5[56] UTC$/, { timeout: 20_000 });
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
