// Issue 14, point 4: the demo tools' state is changed behind the console's back; Reconcile on the region's
// header runs its probes, and the difference shows on the region's tile in Chromium.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { rehearsalDir } from '../release-log';
import { test, expect } from './fixtures';

test.use({ serveArgs: ['--rehearsal-at', '2026-03-20T10:55:00Z'] });

test('a region changed behind the console\'s back shows the difference on its tile after Reconcile', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');
  const euw2 = page.locator('[data-region="EUW2"]');
  // Until someone presses Reconcile the tile says only that nobody has asked the tools, not that they disagree.
  await expect(euw2.locator('.reconcile')).toHaveText('Not yet checked against the tools');

  // Reconciled while the tools and the console agree.
  await euw2.getByRole('button', { name: 'Open EUW2' }).click();
  const region = page.getByRole('region', { name: 'Region EUW2' });
  await region.getByRole('button', { name: 'Reconcile' }).click();
  await expect(region.locator('.reconcile')).toHaveText('Tools agree · reconciled 10:55 UTC');

  // Someone puts EUW2 into maintenance and deploys a voicemail-service patch with the tools directly.
  writeFileSync(path.join(rehearsalDir(served.dataDir), 'demo-tools.state'), 'maintenance EUW2 on\nversion EUW2 voicemail-service 5.2.1\n');
  await region.getByRole('button', { name: 'Reconcile' }).click();
  const differences = ['tools say EUW2 is in maintenance; the console did not put it there', 'tools say EUW2 runs voicemail-service 5.2.1; the console expected 5.2.0'];
  await expect(region.locator('.reconcile li')).toHaveText(differences);
  await page.screenshot({ path: testInfo.outputPath('reconcile-region.png') });

  await region.getByRole('button', { name: '← All regions' }).click();
  await expect(euw2.locator('.reconcile')).toContainText('Tools disagree with the console (2)');
  await expect(euw2.locator('.reconcile li')).toHaveText(differences);
  // The console's own belief is unchanged: it did not put EUW2 into maintenance.
  await expect(euw2.locator('.maintenance')).toContainText('Maintenance off');
  await expect(page.locator('[data-region="EUC1"] .reconcile')).toHaveText('Not yet checked against the tools');
  await page.screenshot({ path: testInfo.outputPath('reconcile-tile.png') });

  // Put back as the console believes it: the next reconcile agrees and the tile clears.
  writeFileSync(path.join(rehearsalDir(served.dataDir), 'demo-tools.state'), 'maintenance EUW2 off\n');
  await euw2.getByRole('button', { name: 'Open EUW2' }).click();
  await region.getByRole('button', { name: 'Reconcile' }).click();
  await expect(region.locator('.reconcile')).toHaveText(/^Tools agree/);
  await region.getByRole('button', { name: '← All regions' }).click();
  await expect(euw2.locator('.reconcile li')).toHaveCount(0);
});
