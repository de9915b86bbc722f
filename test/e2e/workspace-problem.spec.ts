import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, ROOT, startServe, stopServe, test, type ServedConsole } from './fixtures';

/**
 * Browser mode with a workspace that does not load: serve used to stop with file:line on its stderr and the
 * PE, looking at the browser, saw nothing. The page says what is wrong and where, and the console opens once
 * the file is fixed and saved, behind the same URL.
 */
let served: ServedConsole | null = null;
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()));
  if (served) await stopServe(served);
  served = null;
});

function brokenCopy(): { dir: string; regions: string; good: string } {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-bad-workspace-')), 'canary-progressive');
  cpSync(path.join(ROOT, 'workspaces', 'canary-progressive'), dir, { recursive: true });
  const regions = path.join(dir, 'regions.yaml');
  const good = readFileSync(regions, 'utf8');
  // A PE's typo on line 3: the zone of prod-euw1 is not an IANA zone.
  writeFileSync(regions, good.replace('zone: Europe/Dublin', 'zone: Europe/Dubln'));
  return { dir, regions, good };
}

test('a workspace file with an error opens a page naming the file, line, column and message; saving the fix opens the console', async ({ page }) => {
  const workspace = brokenCopy();
  served = await startServe(['--workspace', workspace.dir]);
  expect(served.stderr()).toContain('regions.yaml:3:');
  await page.goto(served.url);

  await expect(page.getByRole('heading', { name: 'The workspace could not be loaded' })).toBeVisible();
  const errors = page.getByRole('list', { name: 'Workspace errors' }).getByRole('listitem');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText(/^regions\.yaml:3:\d+/);
  await expect(errors.first()).toContainText('In regions.yaml, regions[1].zone is invalid; it should be a valid IANA zone');
  await expect(page.getByText(/Fix the file in your editor and save/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('workspace-problem.png') });

  // "Try again" on a file still broken reads it again and says so.
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status')).toHaveText('Read again: it still does not load (1 error).');

  // Another mistake, saved: the page follows the file without a click.
  writeFileSync(workspace.regions, workspace.good.replace('zone: America/New_York', 'zone: America/New_Yrok'));
  await expect(errors.first()).toContainText(/^regions\.yaml:2:\d+/);
  await expect(errors.first()).toContainText('regions[0].zone is invalid');

  writeFileSync(workspace.regions, workspace.good);
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await expect(page.getByRole('heading', { name: 'The workspace could not be loaded' })).toHaveCount(0);
  await expect(page.locator('.region-tile')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('workspace-fixed.png') });
});

test('"Try again" opens the console when the folder was fixed', async ({ page }) => {
  const workspace = brokenCopy();
  served = await startServe(['--workspace', workspace.dir]);
  await page.goto(served.url);
  await expect(page.getByRole('heading', { name: 'The workspace could not be loaded' })).toBeVisible();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status')).toHaveText('Read again: it still does not load (1 error).');
  writeFileSync(workspace.regions, workspace.good);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Connected');
  await expect(page.locator('.region-tile')).toHaveCount(2);
});

/**
 * A rollback role releases.yaml does not let make a rollback's moves (issue: rollback roles vs handoverMoves,
 * checked at load): the page names each move's line in releases.yaml, the role, and rollback.yaml's line.
 */
test('rollback roles that releases.yaml does not let make the rollback\'s moves open the page naming both files', async ({ page }) => {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-bad-workspace-')), 'demo');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), dir, { recursive: true });
  const rollback = path.join(dir, 'rollback.yaml');
  writeFileSync(rollback, readFileSync(rollback, 'utf8').replace('roles: [on-call PE, PE]', 'roles: [on-call PE, PE, QA]'));
  served = await startServe(['--workspace', dir]);
  for (const [size, theme] of [[{ width: 1280, height: 720 }, 'light'], [{ width: 1440, height: 900 }, 'dark']] as const) {
    await page.setViewportSize(size);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(served.url);
    await expect(page.getByRole('heading', { name: 'The workspace could not be loaded' })).toBeVisible();
    const errors = page.getByRole('list', { name: 'Workspace errors' }).getByRole('listitem');
    await expect(errors).toHaveCount(4);
    await expect(errors.first()).toContainText(/^releases\.yaml:38:\d+/);
    await expect(errors.first()).toContainText('A rollback moves a handover to "Stage Rollback Required", which releases.yaml gives only to on-call PE or PE, but rollback.yaml:2:25 lets "QA" run a rollback');
    await page.screenshot({ path: test.info().outputPath(`workspace-problem-rollback-roles-${size.width}-${theme}.png`) });
  }
});
