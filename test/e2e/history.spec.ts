// Issue 19, item 4: the History and audit screen in Chromium. A rehearsal's log holds months of generated
// past releases (test/history-log.ts, written through the real repository) and an emergency release of the
// workspace with one step done. Filtering by person and kind shows exactly the entries the log file holds
// for them, each with its own hash; the emergency release opens read-only with its evidence and no action.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openReleaseRepository } from '../../main/release/repository';
import { LOG_FILE } from '../../main/storage/repository';
import { foldedEventBody, type LogEntry } from '../../main/storage/log-entry';
import { systemClock } from '../../shared/clock';
import { ReleaseEvent } from '../../shared/engine/events';
import { writeHistoryLog } from '../history-log';
import { rehearsalDir } from '../release-log';
import { expectNoSeriousAxeViolations } from './axe';
import type { Locator } from '@playwright/test';
import { test, expect, startServe, stopServe } from './fixtures';
import { openConsole, ROLLOUT_MORNING } from './steps';

const REHEARSAL = ['--rehearsal-at', ROLLOUT_MORNING];
const PAST = Array.from({ length: 30 }, (_, i) => `2025-w${String(i + 20).padStart(2, '0')}-platform`);
const EMERGENCY = '2026-03-emergency-sip';

function fileLines(dir: string): LogEntry[] {
  return readFileSync(path.join(dir, LOG_FILE), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}

function fileEvents(dir: string): { hash: string; event: ReleaseEvent }[] {
  return fileLines(dir).flatMap((entry) => {
    const body = foldedEventBody(entry);
    return body === undefined ? [] : [{ hash: entry.hash, event: ReleaseEvent.parse(body) }];
  });
}

test('filtering by person and kind shows their entries with their hashes; a past release opens read-only with its evidence', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const first = await startServe(REHEARSAL);
  await stopServe(first);
  const dir = rehearsalDir(first.dataDir);
  await writeHistoryLog(dir, 3_000, PAST, Date.UTC(2025, 4, 12, 9, 0));
  const log = await openReleaseRepository(dir, systemClock());
  const dana = { name: 'Dana Ruiz', role: 'on-call PE' };
  await log.append([{ type: 'stepFinished', actor: dana, at: Date.UTC(2026, 2, 10, 21, 4), release: EMERGENCY, step: 'emergency-form', region: null, outcome: 'done', cause: 'tick', note: 'INC-2291', exitCode: null }]);
  await log.close();
  const served = await startServe(REHEARSAL, {}, first.dataDir);
  try {
    await openConsole(page, served.url);
    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByTestId('history-count')).toContainText('in the log');
    // A release nothing happened in shows one dash for its last activity and its owner: the activity's was the
    // times' narrow mono one, in the text's colour, beside the owner's muted one.
    const unstarted = page.getByRole('region', { name: 'Releases' }).locator('tbody tr[data-release="2026-03-cai-release"]').locator('td:nth-child(3), td:nth-child(4)');
    await expect(unstarted).toHaveText(['—', '—']);
    const dashes = await unstarted.evaluateAll((cells) =>
      cells.map((cell) => {
        const text = document.createRange();
        text.selectNodeContents(cell);
        const inner = cell.firstElementChild ?? cell;
        return `${Math.round(text.getBoundingClientRect().width)} px, ${getComputedStyle(inner).color}`;
      }),
    );
    expect(dashes[0]).toBe(dashes[1]);
    // Each entry's release id stays on one line under what happened: it broke at its hyphens, "2026-03-emergency-" over "sip".
    const releaseCells = history.getByRole('table').last().locator('tbody tr .history-release');
    await expect(releaseCells.first()).toBeVisible();
    const releaseLines = await releaseCells.evaluateAll((cells) =>
      cells.map((cell) => {
        const text = document.createRange();
        text.selectNodeContents(cell);
        return { release: cell.textContent, lines: new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size };
      }),
    );
    expect(releaseLines.filter((cell) => cell.lines > 1)).toEqual([]);

    const filters = history.getByRole('group', { name: 'Filters' });
    // The filters' labels stand on one line at 1440 px: "From" and "Before" stood 4 px above the others.
    const labelTops = await filters.locator('label').evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().top)));
    expect(new Set(labelTops).size, `label tops ${labelTops.join(', ')}`).toBe(1);
    await filters.getByLabel('Person').selectOption('Sam Okafor');
    // Kinds in words ("Step finished or failed", not "stepFinished"); each choice's value is still the log's name.
    await expect(filters.getByLabel('Kind').locator('option[value="stepFinished"]')).toHaveText('Step finished or failed');
    await filters.getByLabel('Kind').selectOption('refused');
    await expect(filters.getByLabel('Kind').locator('option:checked')).toHaveText('Refused');

    // What the file holds for Sam's refusals, newest first: the screen must show exactly these.
    const expected = fileEvents(dir)
      .filter(({ event }) => event.actor.name === 'Sam Okafor' && event.type === 'refused')
      .reverse();
    expect(expected.length).toBeGreaterThan(100);
    await expect(history.getByTestId('history-count')).toContainText(`Entries 1–100 of ${expected.length}`);
    const rows = history.getByRole('table').last().locator('tbody tr');
    await expect(rows).toHaveCount(100);
    await expect(rows.locator('td:nth-child(5)')).toHaveText(Array(100).fill('Sam Okafor'));
    await expect(rows.locator('td:nth-child(3)')).toHaveText(Array(100).fill('Refused'));
    // The log's own name stays for whoever searches the JSONL file: on hover and in data-kind.
    await expect(rows.first().locator('td:nth-child(3) .tag')).toHaveAttribute('title', 'refused');
    await expect(rows.first().locator('td:nth-child(3) .tag')).toHaveAttribute('data-kind', 'refused');
    const hashes = await rows.locator('button.hash').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-hash')));
    expect(hashes).toEqual(expected.slice(0, 100).map((e) => e.hash));
    const newest = rows.first();
    await expect(newest.getByRole('button', { name: `Copy hash ${expected[0]!.hash}` })).toHaveText(expected[0]!.hash.slice(0, 12));
    await expect(newest.getByRole('button', { name: `Copy hash ${expected[0]!.hash}` })).toHaveAttribute('title', new RegExp(expected[0]!.hash));
    // The release it names stands under it, with its title on hover where one is known.
    await expect(newest.locator('td:nth-child(6)')).toHaveText(/^Refused: start step deploy-\d+ in \S+ — \S+ is outside its windowRelease 2025-w\d\d-platform$/);

    // The filters are in the link: a reload (or a pasted link) shows the same entries.
    expect(new URL(page.url()).hash).toBe('#/history?person=Sam+Okafor&kind=refused');
    await history.getByRole('button', { name: 'Older →' }).click();
    await expect(history.getByTestId('history-count')).toContainText(`Entries 101–${Math.min(200, expected.length)} of ${expected.length}`);
    await expect(rows.first().locator('button.hash')).toHaveAttribute('data-hash', expected[100]!.hash);
    await page.reload();
    await expect(page.getByRole('region', { name: 'History' }).getByTestId('history-count')).toContainText(`Entries 101–${Math.min(200, expected.length)} of ${expected.length}`);
    await page.getByRole('button', { name: '← Newer' }).click();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath('history-filtered.png'), fullPage: false });
    await expectNoSeriousAxeViolations(page, 'History, filtered');

    // Every release is listed with its outcome: the workspace's and the 30 the log alone names.
    const releases = page.getByRole('region', { name: 'Releases' });
    await expect(releases.locator('tbody tr')).toHaveCount(3 + PAST.length);
    await expect(releases.locator(`tr[data-release="${EMERGENCY}"] .tag`).first()).toHaveText('in progress');
    await expect(releases.locator(`tr[data-release="${PAST[0]}"] .tag`).first()).toHaveText('not in this workspace');

    await releases.getByRole('button', { name: 'View Emergency — SIP proxy crash fix read-only' }).click();
    const opened = page.getByRole('region', { name: `Release ${EMERGENCY}, read-only` });
    await expect(opened.getByRole('heading', { name: 'Emergency — SIP proxy crash fix' })).toBeVisible();
    const cr = opened.getByLabel('CR evidence');
    await expect(cr).toContainText('# CR evidence — Emergency — SIP proxy crash fix');
    await expect(cr).toContainText(/\| approval \| Fill out the Emergency Release Form \| all \| done \| Dana Ruiz \(on-call PE\) \|/);
    await expect(opened.getByLabel('Deployment log entry')).toContainText('"status": "in-progress"');
    // Read-only: the only buttons go back or show its entries; nothing on it can send an intent.
    await expect(opened.getByRole('button')).toHaveText(['← History', 'Show its log entries (1)']);
    // Nor anywhere else in the screen's area (the alert bar included); the status bar's drill clock is the console's, not the release's.
    await expect(page.getByRole('main').getByRole('button', { name: /^(Run|Start|Mark|Approve|Override|Roll back|Back out|Export|Download|Tick)/ })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('history-release-read-only.png'), fullPage: false });
    await expectNoSeriousAxeViolations(page, 'a release read-only from History');
    // Reading it is not an export: nothing about it was logged.
    expect(fileEvents(dir).filter(({ event }) => event.type === 'evidenceExported')).toEqual([]);

    await opened.getByRole('button', { name: 'Show its log entries (1)' }).click();
    const entries = page.getByRole('region', { name: 'History' });
    await expect(entries.getByTestId('history-count')).toContainText('Entries 1–1 of 1');
    // Filtered by the release, its rows do not repeat it: the filter names it once.
    await expect(entries.getByRole('table').last().locator('tbody tr td:nth-child(6)')).toHaveText('Step "Fill out the Emergency Release Form" marked done: INC-2291');

    // The first page follows the log: the rehearsal clock moved on this desk is listed as it is appended.
    await entries.getByRole('button', { name: 'Clear filters' }).click();
    await expect(entries.getByTestId('history-count')).toContainText(/^Entries 1–100 of /);
    await page.getByRole('button', { name: '+1 min', exact: true }).click();
    const appended = entries.getByRole('table').last().locator('tbody tr').first();
    await expect(appended.locator('td:nth-child(3)')).toHaveText('Clock moved');
    // Each kind's tag is one line, "Console started" as well ("Console" over "started" at first).
    const kindLines = await entries.getByRole('table').last().locator('tbody tr td:nth-child(3) .tag').evaluateAll((tags) =>
      tags.filter((tag) => {
        const text = document.createRange();
        text.selectNodeContents(tag);
        return new Set(Array.from(text.getClientRects(), (r) => Math.round(r.top))).size > 1;
      }).map((tag) => tag.textContent),
    );
    expect(kindLines).toEqual([]);
    await expect(appended.locator('td:nth-child(6)')).toHaveText('Rehearsal clock moved from 2026-03-19T10:55:00.000Z to 2026-03-19T10:56:00.000Z');
    await expect(appended.locator('button.hash')).toHaveAttribute('data-hash', fileEvents(dir).findLast(({ event }) => event.type === 'clockMoved')!.hash);

    // Contrast is checked on what is drawn: the other theme (Chromium here opens in the light one) is its own check.
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.mouse.move(0, 0);
    await expectNoSeriousAxeViolations(page, 'History, dark theme');
    await page.screenshot({ path: testInfo.outputPath('history-dark.png'), fullPage: false });
  } finally {
    await stopServe(served);
  }
});

/** Clear filters stands beside the filters' legend: their middles within a pixel or two. */
async function expectInLineWith(control: Locator, field: Locator): Promise<void> {
  const [a, b] = [await control.boundingBox(), await field.boundingBox()];
  expect(a).not.toBeNull();
  expect(b).not.toBeNull();
  expect(Math.abs(a!.y + a!.height / 2 - (b!.y + b!.height / 2))).toBeLessThanOrEqual(2);
}

test.describe('a rehearsal', () => {
  test.use({ serveArgs: REHEARSAL, serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0' } });

  test("at 1024×720 each release's outcome pill is one line", async ({ page, served }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 720 });
    await openConsole(page, served.url);
    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const pills = page.getByRole('region', { name: 'Releases' }).locator('tbody td .tag');
    await expect(pills.first()).toBeVisible();
    // "not started" wrapped after "not": one pill drawn as two boxes, one under the other.
    for (const pill of await pills.all()) expect(await pill.evaluate((p) => p.getClientRects().length), `"${await pill.textContent()}" on one line`).toBe(1);
    await page.screenshot({ path: testInfo.outputPath('history-pills-1024.png') });
  });

  // "Reading the release log…" flashed on every visit to History and Delivery, for a read of a few ms; a slow read
  // still says it, for as long as it lasts.
  test('a quick read of the log shows no "Reading the release log…"; a slow one says it until its entries come', async ({ page, served }, testInfo) => {
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { readingSeen: string[] }).readingSeen = seen;
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) if (node.textContent?.includes('Reading the release log')) seen.push(location.hash || 'start');
      }).observe(document, { childList: true, subtree: true });
    });
    await openConsole(page, served.url);
    const screens = page.getByRole('navigation', { name: 'Screens' });
    for (let visit = 0; visit < 2; visit++) {
      await screens.getByRole('button', { name: 'History', exact: true }).click();
      await expect(page.getByRole('region', { name: 'History' }).getByTestId('history-count')).toContainText('in the log');
      await screens.getByRole('button', { name: 'Delivery', exact: true }).click();
      await expect(page.getByRole('region', { name: 'Delivery' }).getByLabel('Counts')).toBeVisible();
    }
    expect(await page.evaluate(() => (window as unknown as { readingSeen: string[] }).readingSeen), 'screens that flashed "Reading the release log…"').toEqual([]);

    // The log read answered 2 s late: the words show while it is read, and go with its entries.
    const slow = await page.context().newPage();
    await slow.routeWebSocket(
      (url) => url.pathname === '/api',
      (socket) => {
        const server = socket.connectToServer();
        const historyCalls = new Set<number>();
        socket.onMessage((message) => {
          if (typeof message === 'string') {
            const asked = JSON.parse(message) as { id: number; call: string };
            if (asked.call === 'getHistory') historyCalls.add(asked.id);
          }
          server.send(message);
        });
        server.onMessage((message) => {
          const id = typeof message === 'string' ? (JSON.parse(message) as { id?: number }).id : undefined;
          if (id !== undefined && historyCalls.has(id)) setTimeout(() => socket.send(message), 2_000);
          else socket.send(message);
        });
      },
    );
    await openConsole(slow, served.url);
    await slow.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'History', exact: true }).click();
    const history = slow.getByRole('region', { name: 'History' });
    await expect(history.getByText('Reading the release log…')).toBeVisible();
    await slow.screenshot({ path: testInfo.outputPath('history-slow-read.png') });
    await expect(history.getByTestId('history-count')).toContainText('in the log');
    await expect(history.getByText('Reading the release log…')).toHaveCount(0);
  });

  test("the time filters read and take times as the rows show them, yyyy-mm-dd hh:mm, and say what is wrong with another date and where", async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('region', { name: 'History' });
    const count = history.getByTestId('history-count');
    await expect(count).toContainText('in the log');
    const all = (await count.textContent())!;
    const filters = history.getByRole('group', { name: 'Filters' });
    // The browser's date input read "mm/dd/yyyy, --:-- --" beside rows of "2026-03-19 10:55:00".
    const from = filters.getByLabel('From (UTC)');
    await expect(from).toHaveAttribute('placeholder', 'yyyy-mm-dd hh:mm');
    // Everything this rehearsal logged is from 10:55 on: from 10:56 nothing, from the day's start all of it.
    await from.fill('2026-03-19 10:56');
    await expect(history.getByText('No entry matches')).toBeVisible();
    expect(new URL(page.url()).hash).toBe('#/history?from=2026-03-19T10%3A56%3A00.000Z');
    await from.fill('2026-03-19');
    await expect(count).toHaveText(all);
    expect(new URL(page.url()).hash).toBe('#/history?from=2026-03-19T00%3A00%3A00.000Z');
    await from.fill('2026-03-19 10:56');
    await expect(history.getByText('No entry matches')).toBeVisible();
    // A pasted link fills the field in the same words.
    await page.reload();
    await expect(filters.getByLabel('From (UTC)')).toHaveValue('2026-03-19 10:56');

    // The locale's order is not taken for another day: the field says what is wrong, and the filter stays.
    const clear = filters.getByRole('button', { name: 'Clear filters' });
    const clearBefore = await clear.boundingBox();
    await from.fill('03/19/2026');
    await from.press('Tab');
    const problem = 'From: “03/19/2026” is not a date: write it as yyyy-mm-dd hh:mm, as the rows show times (the time may be left out).';
    await expect(filters.getByText(problem)).toBeVisible();
    await expect(from).toHaveAccessibleDescription(problem);
    await expect(from).toHaveAttribute('aria-invalid', 'true');
    expect(new URL(page.url()).hash).toBe('#/history?from=2026-03-19T10%3A56%3A00.000Z');
    // The problem under From does not push Clear filters down: it stays where it was, beside the legend.
    expect(await clear.boundingBox()).toEqual(clearBefore);
    await expectInLineWith(clear, filters.locator('legend'));
    await page.screenshot({ path: testInfo.outputPath('history-time-filter-problem.png') });
    await filters.getByLabel('Before (UTC)').fill('2026-02-30');
    await filters.getByLabel('Before (UTC)').press('Enter');
    await expect(filters.getByText('Before: there is no day 2026-02-30: the month runs 01–12, the day within its month.')).toBeVisible();
    await expectInLineWith(clear, filters.locator('legend'));
    await page.setViewportSize({ width: 1280, height: 720 });
    await expectInLineWith(clear, filters.locator('legend'));
    await page.screenshot({ path: testInfo.outputPath('history-time-filter-problems-1280x720.png') });
    await page.setViewportSize({ width: 1440, height: 900 });

    await clear.click();
    await expect(count).toHaveText(all);
    await expect(from).toHaveValue('');
    await expect(from).not.toHaveAttribute('aria-invalid');
    await expect(filters.getByLabel('Before (UTC)')).toHaveValue('');
    await expect(filters.getByText(problem)).toHaveCount(0);
  });
});

// Issue 19: the demo's generated past releases are not in its YAML; each logged its definition when it
// started, so History lists them with an outcome worked out from that definition and opens their evidence.
// Live: the generated history is the demo's live log (a rehearsal's log starts empty).
test.describe('the demo, live', () => {
  test.use({ serveArgs: ['--live'] });
  test("the demo's past releases are listed with their outcome and open read-only with their evidence", async ({ page, served }, testInfo) => {
    test.setTimeout(90_000);
    await page.goto(served.url);
    await page.getByRole('navigation').getByRole('button', { name: 'History', exact: true }).click();
    const releases = page.getByRole('region', { name: 'Releases' });
    const past = releases.locator('tbody tr[data-release^="history-"]');
    await expect(past).toHaveCount(34);
    await expect(releases.getByText('not in this workspace')).toHaveCount(0);
    await expect(past.locator('td:nth-child(2) .tag')).not.toContainText(['not in this workspace']);
    await expect(releases.locator('tbody tr .tag', { hasText: 'rolled back' }).first()).toBeVisible();
    // Most of the generated releases ran to the end: complete by their logged targets.
    await expect(past.locator('.tag', { hasText: /^completed$/ }).first()).toBeVisible();
    await expect(past.locator('.tag', { hasText: /^in progress$/ })).toHaveCount(0);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath('history-demo.png'), fullPage: false });
    await expectNoSeriousAxeViolations(page, 'History in the demo');

    const rolledBack = releases.locator('tbody tr', { has: page.locator('.tag', { hasText: /^rolled back$/ }) }).first();
    const id = (await rolledBack.getAttribute('data-release'))!;
    await rolledBack.getByRole('button', { name: /^View .* read-only$/ }).click();
    const opened = page.getByRole('region', { name: `Release ${id}, read-only` });
    await expect(opened.getByTestId('release-logged-definition')).toContainText('read from its definition as logged at');
    await expect(opened.getByLabel('CR evidence')).toContainText(`- Release: ${id}`);
    await expect(opened.getByLabel('Deployment log entry')).toContainText('"status": "rolled-back"');
    await expect(opened.getByRole('button')).toHaveText(['← History', /^Show its log entries \(\d+\)$/]);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath('history-demo-release.png'), fullPage: true });
    await expectNoSeriousAxeViolations(page, 'a past demo release read-only');
  });
});
