import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, test, expect } from './fixtures';
import { ROLLOUT_MORNING, advance, openConsole, openRegion, rehearsalAt, reviewProductionCrAndBaselineS01, step } from './steps';

/** Whether an element's text fits its box: an ellipsis is only painted, so the text's own width says whether one is drawn. */
function isShownWhole(element: Element): boolean {
  const text = document.createRange();
  text.selectNodeContents(element);
  return text.getBoundingClientRect().width <= element.getBoundingClientRect().width + 0.5;
}

/** Issue 20: time-range presets on every region's graphs, and why metrics are stale on the control pane. */

test.describe('the demo', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING));

  test('1 h, 6 h, 24 h and since-the-baseline presets change every graph of the region at once', async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    const workspace = await openRegion(page, 'S01');
    const ranges = workspace.getByRole('group', { name: 'Time range' });
    const chart = workspace.locator('[data-metric]').first();
    await expect(ranges.getByRole('button', { name: '6 h' })).toHaveAttribute('aria-pressed', 'true');
    await expect(ranges.getByRole('button', { name: 'Since baseline' })).toBeDisabled();
    await expect(ranges.getByRole('button', { name: 'Since baseline' })).toHaveAccessibleDescription("No baseline yet: the region's baseline step captures one");
    // The header says where the graphs start: 6 h by default.
    const from = workspace.locator('.graph-range-from');
    await expect(from).toHaveText(/^graphs from Thu 19 Mar, 0[45]:5\d London$/);
    const before = await chart.locator('canvas').first().screenshot();
    await ranges.getByRole('button', { name: '1 h' }).click();
    await expect(ranges.getByRole('button', { name: '1 h' })).toHaveAttribute('aria-pressed', 'true');
    await expect(from).toHaveText(/^graphs from Thu 19 Mar, 09:5\d London$/);
    // The chart itself is redrawn over the hour, not only the label.
    await expect.poll(async () => (await chart.locator('canvas').first().screenshot()).equals(before)).toBe(false);
    await page.screenshot({ path: testInfo.outputPath('graphs-1h.png') });
    // Main keeps a day of every series (issue 20), so 24 h reaches back to the morning before.
    await ranges.getByRole('button', { name: '24 h' }).click();
    await expect(from).toHaveText(/^graphs from Wed 18 Mar, 1[01]:5\d London$/);

    await openConsole(page, served.url);
    await reviewProductionCrAndBaselineS01(page);
    const again = await openRegion(page, 'S01');
    const sinceBaseline = again.getByRole('group', { name: 'Time range' }).getByRole('button', { name: 'Since baseline' });
    await expect(sinceBaseline).toBeEnabled();
    await sinceBaseline.click();
    await expect(sinceBaseline).toHaveAttribute('aria-pressed', 'true');
    // The baseline window is the minutes before it was captured at 10:55.
    await expect(again.locator('.graph-range-from')).toHaveText(/^graphs from Thu 19 Mar, 10:\d\d London$/);
    // The header dates the baseline itself, in S01's zone, with its window; it said "Baseline taken 0 min ago"
    // beside "from Thu 19 Mar, 05:…" (the 6 h range's start), which a PE read as when it was taken.
    await again.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '6 h' }).click();
    // With the operator's reading after it, on this desk in UTC (TZ=UTC): the baseline step's card says "Baseline
    // taken Thu 19 Mar, 10:55 UTC", and the header said "10:55 London" alone, one instant in two zones on one screen.
    const header = again.locator('.baseline-age');
    await expect(header).toHaveText(/^Baseline taken 10:5\d London \(10:5\d UTC\), \d+ min ago over 10:\d\d–10:5\d$/);
    const inUtc = (await header.textContent())!.match(/\((10:5\d) UTC\)/)![1];
    await expect(step(page, 'sdc-baseline@S01').locator('.step-baseline')).toContainText(`Baseline taken Thu 19 Mar, ${inUtc} UTC,`);
    await expect(again.locator('.graph-range-from')).toHaveText(/^graphs from Thu 19 Mar, 0[45]:5\d London$/);
  });

  test('a window that grows from two graphs a row to four redraws each plot within its own card', async ({ page, served }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 720 });
    await openConsole(page, served.url);
    const workspace = await openRegion(page, 'LON');
    await expect(workspace.locator('.metric-chart canvas')).toHaveCount(8);
    await page.setViewportSize({ width: 1280, height: 800 });
    // Each plot (its canvas) ends inside its card: they kept the 1024 px width and ran over the next graph.
    const overflowing = async () =>
      workspace.locator('.metric-chart').evaluateAll((cards) =>
        cards
          .filter((card) => card.querySelector('canvas')!.getBoundingClientRect().right > card.getBoundingClientRect().right + 1)
          .map((card) => card.getAttribute('aria-label')),
      );
    await expect.poll(overflowing).toEqual([]);
    const tops = await workspace.locator('.metric-chart-plot').evaluateAll((plots) => plots.map((p) => Math.round(p.getBoundingClientRect().top)));
    expect(new Set(tops.slice(0, 4)).size, 'four graphs a row at 1280 px').toBe(1);
    await workspace.locator('.region-graphs').screenshot({ path: testInfo.outputPath('graphs-grown-1024-to-1280.png') });
  });

  test("the latest point's time is said once above the graphs, alike at 1024 and 1280 px", async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    const workspace = await openRegion(page, 'LON');
    for (const [width, height] of [[1024, 720], [1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await expect(workspace.locator('.graph-range-latest')).toHaveText(/^latest point 10:5\d$/);
      // Before: each header read "at 10:54" at 1024, two graphs a row, and nothing at 1280, four a row.
      const times = await workspace.locator('.metric-chart-at').evaluateAll((spans) => spans.filter((s) => s.getBoundingClientRect().width > 0).map((s) => s.textContent));
      expect(times, `times in the graphs' headers at ${width} px`).toEqual([]);
      await workspace.locator('.region-graphs').screenshot({ path: testInfo.outputPath(`graphs-latest-${width}.png`) });
    }
  });

  for (const [width, height] of [[1280, 720], [1440, 900]] as const) {
    test(`on a ${width} px screen every graph's name, current value and baseline read whole on one line`, async ({ page, served }, testInfo) => {
      await page.setViewportSize({ width, height });
      await openConsole(page, served.url);
      await reviewProductionCrAndBaselineS01(page);
      const workspace = await openRegion(page, 'S01');
      const baselines = workspace.locator('.metric-chart-baseline');
      await expect(baselines).toHaveCount(8);
      // "base 29332" cut to "base 29…" was the one figure the PE compares against.
      for (const cell of [...(await baselines.all()), ...(await workspace.locator('.metric-chart-value').all())]) {
        const text = await cell.textContent();
        expect(await cell.evaluate(isShownWhole), `${text} is shown whole`).toBe(true);
      }
      await expect(workspace.getByLabel('S01 Throughput').locator('.metric-chart-baseline')).toHaveText(/^base \d{1,3}(,\d{3})* rps$/);
      // A count says what it is per: "Requests 30612" read as a total; CloudWatch sums it over each minute.
      // In grouped digits: "45348/min" was read by counting its digits.
      await expect(workspace.getByLabel('S01 Requests').locator('.metric-chart-value')).toHaveText(/^\d{1,3}(,\d{3})+\/min$/);
      await expect(workspace.getByLabel('S01 Requests').locator('.metric-chart-value')).toHaveAttribute('title', 'Requests, per minute');
      await expect(workspace.getByRole('row', { name: /^Requests per minute / })).toBeVisible();
      await expect(workspace.getByRole('row', { name: /^Requests per minute / }).locator('td').nth(1)).toHaveText(/^\d{1,3}(,\d{3})+$/);
      await expect(workspace.getByRole('row', { name: /^Requests per minute / }).locator('td').nth(2)).toHaveText(/^\d{1,3}(,\d{3})+$/);
      await expect(workspace.getByLabel('S01 Active calls').locator('.metric-chart-value')).toHaveText(/^\d{1,3}(,\d{3})+ max$/);
      await expect(workspace.getByLabel('S01 Active calls').locator('.metric-chart-value')).toHaveAttribute('title', 'Active calls, peak per minute');
      // Every graph's name reads whole, at 1280 as at 1440: "Active calls" was cut to "Active c…". What does not fit
      // beside it wraps under it, and the plots of a row stay level with it.
      const labels = workspace.locator('.metric-chart-label');
      await expect(labels).toHaveText(['Requests', 'Errors', 'Error rate', 'p50 latency', 'p99 latency', 'Throughput', 'CPU', 'Active calls']);
      for (const label of await labels.all()) expect(await label.evaluate(isShownWhole), `${await label.textContent()} is shown whole`).toBe(true);
      const plotTops = await workspace.locator('.metric-chart-plot').evaluateAll((plots) => plots.map((p) => Math.round(p.getBoundingClientRect().top)));
      expect(new Set(plotTops.slice(0, 4)).size, `first row's plot tops ${plotTops.slice(0, 4).join(', ')}`).toBe(1);
      expect(new Set(plotTops.slice(4)).size, `second row's plot tops ${plotTops.slice(4).join(', ')}`).toBe(1);
      // Each header is one line: "Active calls 91,835 peak base 87,996" took two at 1280, and so its whole row's headers
      // did, every plot of that row starting lower than the first row's. Counted in lines of the graph's name.
      const lines = await workspace.locator('.metric-chart-head').evaluateAll((heads) => heads.map((h) => Math.round(h.getBoundingClientRect().height / h.querySelector('.metric-chart-label')!.getBoundingClientRect().height)));
      expect(lines, 'lines of each graph header').toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
      await workspace.locator('.region-graphs').screenshot({ path: testInfo.outputPath(`graphs-${width}.png`) });
    });
  }
});

test.describe('step markers', () => {
  test.use(rehearsalAt(ROLLOUT_MORNING));

  test('a step done in the region is a marker on its graphs, named in the header when the crosshair is on it', async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    await reviewProductionCrAndBaselineS01(page);
    await advance(page, '+15 min');
    const workspace = await openRegion(page, 'S01');
    await workspace.getByRole('group', { name: 'Time range' }).getByRole('button', { name: '1 h' }).click();
    const chart = workspace.locator('[data-metric]').first();
    const named = chart.locator('.metric-chart-step');
    await expect(named).toHaveCount(0);
    // Sweep the crosshair from the right edge back over the last 15 minutes: one point of it is the baseline step's.
    const overlay = chart.locator('.u-over');
    const box = (await overlay.boundingBox())!;
    const plotTop = async () => (await chart.locator('.metric-chart-plot').boundingBox())!.y;
    const unhoveredTop = await plotTop();
    let found = false;
    for (let x = box.width - 1; x > box.width * 0.5 && !found; x -= 3) {
      await overlay.hover({ position: { x, y: box.height / 2 } });
      found = (await named.count()) > 0;
    }
    expect(found).toBe(true);
    await expect(named).toHaveText(/^┊ Capture baseline — SDC\/LON .* done 10:55$/);
    await expect(named).toHaveAttribute('title', /^Capture baseline — SDC\/LON .* done 10:55$/);
    // Named on the header's first line, cut if need be: the header does not grow under the pointer and move the plot.
    expect(await plotTop()).toBe(unhoveredTop);
    await page.screenshot({ path: testInfo.outputPath('graphs-step-marker.png') });
    await page.mouse.move(0, 0);
    await expect(named).toHaveCount(0);
    await chart.screenshot({ path: testInfo.outputPath('graphs-step-marker-line.png') });
    // Another region's graphs carry no S01 step.
    const lon = await openRegion(page, 'LON');
    await lon.locator('[data-metric]').first().locator('.u-over').hover();
    await expect(lon.locator('.metric-chart-step')).toHaveCount(0);
  });
});

test.describe('a workspace whose AWS profiles have no credentials', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-aws-'));
  const workspaceDir = path.join(home, 'workspace');
  cpSync(path.join(ROOT, 'workspaces', 'demo'), workspaceDir, { recursive: true });
  writeFileSync(path.join(home, 'config'), '');
  test.use({
    // Live: a rehearsal never asks CloudWatch (issue 16), whatever the workspace.
    serveArgs: ['--workspace', workspaceDir],
    // No credentials anywhere: empty AWS files, no environment keys, no instance metadata to ask.
    serveEnv: { AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'config'), AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: '', AWS_PROFILE: '', AWS_EC2_METADATA_DISABLED: 'true', HOME: home },
  });

  test('the control pane says why metrics are stale, naming the regions, the profile and the fix', async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    const pane = page.getByRole('region', { name: 'Regions' });
    const stale = pane.getByRole('alert').filter({ hasText: 'Metrics are stale' });
    await expect(stale).toContainText('Metrics are stale in 11 regions.', { timeout: 30_000 });
    await expect(stale.getByRole('listitem').filter({ hasText: 'demo-prod-eu' })).toHaveText('EUW2, EUC1: No usable AWS credentials for profile demo-prod-eu: check ~/.aws/config and ~/.aws/credentials.');
    await page.screenshot({ path: testInfo.outputPath('control-pane-stale.png') });
  });

  test('each CloudWatch graph links to the same metric in the region’s CloudWatch console', async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    const workspace = await openRegion(page, 'EUW2');
    const link = workspace.getByRole('link', { name: 'Errors in EUW2 in the CloudWatch console' });
    await expect(link).toHaveAttribute('href', /^https:\/\/eu-west-2\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-2#metricsV2:graph=~\(metrics~\(~\(~'.+~'Region~'EUW2\)\)/);
    await expect(link).toHaveAttribute('target', '_blank');
    // Eight key graphs; error rate and throughput are metric math, with no single metric to open.
    await expect(workspace.getByRole('link', { name: /in the CloudWatch console$/ })).toHaveCount(6);
    await expect(workspace.getByRole('link', { name: 'Error rate in EUW2 in the CloudWatch console' })).toHaveCount(0);
    await workspace.locator('.region-graphs').screenshot({ path: testInfo.outputPath('graphs-cloudwatch-links.png') });
  });
});
