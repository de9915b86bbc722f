import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expectNoSeriousAxeViolations } from './axe';
import { ROOT, expect, test } from './fixtures';

const METRICS = ['Deployment frequency', 'Lead time for changes', 'Deployment failure rate', 'Mean time to recovery', 'Change failure rate'];

interface Report {
  since: string;
  until: string;
  counts: { deployments: number };
  metrics: { id: string; label: string; value: number | null }[];
  weeks: { since: string; until: string; values: Record<string, number | null> }[];
}

test('the Delivery screen shows the demo history against its goals, and its CSV export equals release-console dora --json', async ({ page, served }, testInfo) => {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Delivery' }).click();
  await expect(page.getByRole('heading', { name: 'Delivery' })).toBeVisible();
  for (const label of METRICS) {
    const card = page.getByRole('article', { name: label });
    await expect(card).toBeVisible();
    await expect(card.getByText(/^(Meets its target|Within its threshold|Beyond its threshold)$/)).toBeVisible();
    await expect(card.getByRole('img', { name: new RegExp(`^${label}, week by week, against its target`) })).toBeVisible();
  }
  await expect(page.getByLabel('Counts')).toContainText(/[1-9]\d* deployments/);
  await page.screenshot({ path: testInfo.outputPath('delivery.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'Delivery');
  await page.getByRole('button', { name: 'Switch to dark theme' }).click();
  await expect(page.getByRole('article', { name: 'Change failure rate' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('delivery-dark.png'), fullPage: true });
  await expectNoSeriousAxeViolations(page, 'Delivery, dark theme');

  // The period's days are UTC's, as the CLI's --since and --until are, and the labels say so (History names its zone too).
  await expect(page.getByLabel('First day (UTC)')).toBeVisible();
  await expect(page.getByLabel('Last day (UTC)')).toBeVisible();
  const from = await page.getByLabel('First day').inputValue();
  const to = await page.getByLabel('Last day').inputValue();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8');

  const until = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, 'out', 'cli', 'cli.mjs'), 'dora', '--data-dir', served.dataDir, '--since', from, '--until', until, '--json']);
  const report = JSON.parse(stdout) as Report;
  expect(report.counts.deployments).toBeGreaterThan(0);

  // Every CSV row is one period × metric; the rows must be exactly the report's numbers, whole period first.
  const [header, ...rows] = csv.trimEnd().split('\r\n').map((line) => line.split(','));
  expect(header).toEqual(['since', 'until', 'environment', 'package', 'metric', 'unit', 'value', 'target', 'threshold']);
  const expected = [
    ...report.metrics.map((m) => [report.since, report.until, m.id, m.value]),
    ...report.weeks.flatMap((w) => Object.entries(w.values).map(([id, value]) => [w.since, w.until, id, value])),
  ].map(([since, until, id, value]) => [since, until, id, value === null ? '' : String(value)]);
  expect(rows.map((r) => [r[0], r[1], r[4], r[6]])).toEqual(expected);

  // What the screen shows is the same report.
  for (const metric of report.metrics) await expect(page.getByTestId(`delivery-value-${metric.id}`)).toHaveText(metric.value === null ? '–' : String(metric.value));

  // A package filter asks again and the counts follow it.
  await page.getByLabel('Package').selectOption('sip-proxy');
  const filtered = JSON.parse((await promisify(execFile)(process.execPath, [path.join(ROOT, 'out', 'cli', 'cli.mjs'), 'dora', '--data-dir', served.dataDir, '--since', from, '--until', until, '--package', 'sip-proxy', '--json'])).stdout) as Report;
  await expect(page.getByLabel('Counts')).toContainText(new RegExp(`^${filtered.counts.deployments} deployments? · `));

  // A period that is not one says so, and shows no report, neither the last period's numbers nor a read that is not
  // happening (before: the last report stayed under the error; with none yet, "Reading the release log…" after 300 ms).
  await page.getByLabel('First day').fill('');
  await expect(page.getByRole('alert')).toHaveText(/is not a date\.$/);
  await expect(page.getByLabel('Counts')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveAttribute('aria-disabled', 'true');
  await page.waitForTimeout(500);
  await expect(page.getByText('Reading the release log…')).toHaveCount(0);
  // A period again: its report comes back.
  await page.getByLabel('First day').fill(from);
  await expect(page.getByLabel('Counts')).toContainText(new RegExp(`^${filtered.counts.deployments} deployments? · `));
});
