import { test, expect, startServe, stopServe } from './fixtures';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];

test('after a SIGKILL mid-command the console reopens on the same release, and the running command shows as interrupted, never done', async ({ page }) => {
  // Realistic tool speed: the deploy is still running when the process dies.
  const first = await startServe(REHEARSAL, { NO_COLOR: '1' });
  await page.goto(first.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  const write = page.locator('[data-step="write-prod-cr@*"]');
  await write.getByRole('button', { name: 'Mark done' }).click();
  await expect(write.locator('.step-head .badge')).toHaveText('Done');
  await page.getByLabel('Operator name').fill('bob');
  await page.getByLabel('Operator name').blur();
  await expect(page.locator('[data-operator="bob|PE"]')).toBeVisible();
  await page.locator('[data-step="review-prod-cr@*"]').getByRole('button', { name: /Approve as bob/ }).click();
  const baseline = page.locator('[data-step="sdc-baseline@S01"]');
  await baseline.getByRole('button', { name: 'Capture baseline' }).click();
  await expect(baseline.locator('.step-head .badge')).toHaveText('Done');
  const maintenance = page.locator('[data-step="sdc-maintenance-on@S01"]');
  await maintenance.getByRole('button', { name: 'Run' }).click();
  await expect(maintenance.locator('.step-head .badge')).toHaveText('Running');

  first.process.kill('SIGKILL');
  await new Promise((resolve) => first.process.once('exit', resolve));
  await expect(page.getByRole('status')).toHaveText(/Disconnected/);
  // Where the PE is looking, not only in the status bar: the screen below is the state before, and does not act.
  const lost = page.getByRole('alert').filter({ hasText: 'The connection to the console is lost — retrying every second.' });
  await expect(lost).toContainText('nothing pressed now reaches the console');
  await page.screenshot({ path: 'test-results/connection-lost.png' });

  const second = await startServe(REHEARSAL, { NO_COLOR: '1' }, first.dataDir);
  try {
    await page.goto(second.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
    await expect(page.getByText('Production rollout — sprint 2026.05').first()).toBeVisible();
    await expect(lost).toHaveCount(0);
    await expect(write.locator('.step-head .badge')).toHaveText('Done');
    await expect(page.locator('[data-step="review-prod-cr@*"] .step-head .badge')).toHaveText('Done');
    await expect(baseline.locator('.step-head .badge')).toHaveText('Done');
    await expect(maintenance.locator('.step-head .badge')).toHaveText('Failed');
    await expect(maintenance).toContainText('Interrupted: the console stopped while this command ran');
    await expect(page.locator('[data-operator="bob|PE"]')).toBeVisible();
  } finally {
    await stopServe(second);
  }
});
