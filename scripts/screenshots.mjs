// `node scripts/screenshots.mjs URL OUTDIR`: captures each screen of a running console in Debian's
// Chromium, for the README and for looking at what was built.
import { chromium } from '@playwright/test';
import path from 'node:path';

const [url, outDir = 'docs/screenshots'] = process.argv.slice(2);
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(url);
await page.locator('.region-tile').first().waitFor();
const shots = [
  ['control-pane', async () => page.getByRole('button', { name: 'Control pane' }).click()],
  ['region-euw2', async () => page.getByRole('button', { name: 'Open EUW2' }).click()],
  ['checklist', async () => page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click()],
  ['release-board', async () => page.getByRole('button', { name: 'Release board' }).click()],
  ['qa-checklist', async () => page.getByRole('button', { name: 'QA checklist' }).click()],
  ['evidence', async () => page.getByRole('button', { name: 'Evidence and exports' }).click()],
];
for (const [name, show] of shots) {
  await show();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: false });
  console.log(path.join(outDir, `${name}.png`));
}
await browser.close();
