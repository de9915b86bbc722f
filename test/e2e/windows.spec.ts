// Issue 14, point 6, in Chromium: two windows of one console, each with its own release, each sent only
// what changed in its own view. A QA tick in one window shows in the other from a patch of a few hundred
// bytes (counted from the frames the page's WebSocket received), and a reload starts from the whole view.
import type { Page, WebSocket } from '@playwright/test';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, openScreen, run, enableS01MaintenanceMode, rehearsalAt } from './steps';

test.use(rehearsalAt(ROLLOUT_MORNING));

const PRODUCTION = 'Production rollout — sprint 2026.05';
const EMERGENCY = 'Emergency — SIP proxy crash fix';
const TICK_BUDGET_BYTES = 4_096;

interface Frame {
  bytes: number;
  kind: string;
}

/** Every frame the page's API socket receives, named by its event (or "reply"), with its size on the wire. */
function recordFrames(page: Page): Frame[] {
  const frames: Frame[] = [];
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framereceived', ({ payload }) => {
      // Terminal output travels as binary frames on its own channel; the API's frames are JSON text.
      if (typeof payload !== 'string') return;
      const text = payload;
      const message = JSON.parse(text) as { event?: string; result?: { value?: { seq?: number; view?: unknown } } };
      frames.push({ bytes: Buffer.byteLength(text), kind: message.event ?? (message.result?.value?.view ? 'whole view' : 'reply') });
    });
  });
  return frames;
}

async function openWindow(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status')).toHaveText('Connected');
}

const releaseTitle = (page: Page) => page.locator('.release-title');
const qaItem = (page: Page, title: string) => page.locator('[data-qa]').filter({ has: page.locator('.step-title', { hasText: title }) });

test('two windows keep their own releases; a QA tick in one reaches the other as a small patch; a reload starts from the whole view', async ({ page, served, context }) => {
  const pe = page;
  const qa = await context.newPage();
  const peFrames = recordFrames(pe);
  const qaFrames = recordFrames(qa);
  await openWindow(pe, served.url);
  await openWindow(qa, served.url);
  // "Connected" shows when the socket opens; the whole view is the answer to the watch that follows.
  await expect.poll(() => qaFrames.filter((f) => f.kind === 'whole view').length).toBe(1);

  // The QA window opens the emergency release; the PE window stays on the product release.
  await openScreen(qa, 'Release board');
  await qa.getByRole('region', { name: 'Releases' }).getByRole('button', { name: EMERGENCY }).click();
  await expect(releaseTitle(qa)).toHaveText(EMERGENCY);
  await expect(releaseTitle(pe)).toHaveText(PRODUCTION);
  await qa.reload();
  await expect(qa.getByRole('status')).toHaveText('Connected');
  // A reload is a new window: it opens on the release chosen last, with the whole view first.
  await expect(releaseTitle(qa)).toHaveText(EMERGENCY);
  expect(qaFrames.filter((f) => f.kind === 'whole view')).toHaveLength(2);
  expect(qaFrames.filter((f) => f.kind === 'whole view').at(-1)!.bytes).toBeGreaterThan(10_000);

  // Seed 000: QA tests "After EU deploy"; nothing is ticked before a deploy, so the PE window deploys S01 first.
  await enableS01MaintenanceMode(pe);
  await run(pe, 'sdc-deploy@S01');

  // Both on the product release's QA checklist now: a tick in one shows in the other.
  await openScreen(qa, 'Release board');
  await qa.getByRole('region', { name: 'Releases' }).getByRole('button', { name: PRODUCTION }).click();
  await expect(releaseTitle(qa)).toHaveText(PRODUCTION);
  await openScreen(pe, 'QA checklist');
  await openScreen(qa, 'QA checklist');
  await qa.getByLabel('Operator name').fill('quinn');
  await qa.getByLabel('Operator name').blur();
  await qa.getByLabel('Role').selectOption('QA');
  await expect(qa.locator('[data-operator="quinn|QA"]')).toBeVisible();
  // The PE window's operator is its own.
  await expect(pe.locator('[data-operator="quinn|QA"]')).toHaveCount(0);

  const peBefore = peFrames.length;
  await qaItem(qa, 'Sanity').getByRole('button', { name: 'Pass' }).click();
  await expect(qaItem(pe, 'Sanity').locator('.badge')).toHaveText('Passed');
  await expect(qaItem(pe, 'Sanity')).toContainText('Ticked by quinn (QA)');
  const tickFrames = peFrames.slice(peBefore).filter((f) => f.kind === 'releaseViewPatch');
  expect(tickFrames.length).toBeGreaterThan(0);
  for (const frame of tickFrames) expect(frame.bytes).toBeLessThan(TICK_BUDGET_BYTES);
  expect(peFrames.slice(peBefore).filter((f) => f.kind === 'whole view')).toEqual([]);

  await pe.screenshot({ path: test.info().outputPath('pe-window.png') });
  await qa.screenshot({ path: test.info().outputPath('qa-window.png') });
});
