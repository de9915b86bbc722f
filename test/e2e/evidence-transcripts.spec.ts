import { rehearsalDir } from '../release-log';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openScreen, openShell, startS01MaintenanceOn, terminalRows } from './steps';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

// Issue 16: the free shell bypasses the rules, so the CR evidence shows it was used: by whom, where, and
// its transcript's SHA-256, beside every step run's. Its text goes in only when the PE ticks the option.
test.describe('the CR evidence names every transcript', () => {
  test.use({
    serveArgs: ['--rehearsal-at', ROLLOUT_MORNING],
    // A HOME without rc files: the user's shell start-up is not what this tests.
    serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', HOME: mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-home-')) },
  });
  test.setTimeout(120_000);

  test("lists S01's step run and alice's S01 shell by name, size and SHA-256, and attaches their text only when asked", async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    const s01 = await startS01MaintenanceOn(page);
    await expectState(page, 'sdc-maintenance-on@S01', 'Done');

    // alice opens a shell in S01 and prints a secret key there: the terminal shows it, the record must not.
    await openShell(s01);
    await page.keyboard.type(`echo AWS_SECRET_ACCESS_KEY=${SECRET}; echo "checked-$((40 + 2))"; exit`);
    await page.keyboard.press('Enter');
    await expect(terminalRows(s01)).toContainText('checked-42');
    await expect(s01.getByRole('tab', { selected: true })).toContainText('exit 0');
    // The close is logged once the transcript is whole on disk; the evidence names the file as it then is.
    await expect.poll(() => readFileSync(path.join(rehearsalDir(served.dataDir), 'release-log.jsonl'), 'utf8').includes('"shellClosed"'), { timeout: 10_000 }).toBe(true);

    await openScreen(page, 'Evidence and exports');
    const attach = page.getByLabel(/Attach transcript contents/);
    await expect(attach).not.toBeChecked();
    await page.getByRole('button', { name: 'CR evidence (Markdown)' }).click();
    const list = page.getByRole('region', { name: 'Transcripts in this export' });
    await expect(list).toContainText('Listed by name, size and SHA-256 only: their contents are not in this export.');
    const rows = list.locator('tbody tr');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('maintenance enable --region S01');
    const shellRow = rows.nth(1);
    await expect(shellRow).toContainText('Console shell');
    await expect(shellRow).toContainText('S01');
    await expect(shellRow).toContainText('alice (PE)');

    // The hash shown is the file's on disk, and the log's.
    const folder = path.join(rehearsalDir(served.dataDir), 'transcripts', 'shells');
    const name = readdirSync(folder).find((f) => f.endsWith('.out'))!.slice(0, -'.out'.length);
    const file = readFileSync(path.join(folder, `${name}.out`));
    const sha = createHash('sha256').update(file).digest('hex');
    await expect(shellRow.locator('td').first()).toHaveText(name);
    await expect(shellRow).toContainText(sha);
    expect(file.toString('utf8')).not.toContain(SECRET);

    const exported = page.getByLabel('Exported text');
    await expect(exported).toContainText(`| ${name} | console shell | S01 | alice (PE) |`);
    await expect(exported).toContainText(`| ${file.length} | ${sha} |`);
    await expect(exported).toContainText('Transcript contents are not attached to this export.');
    await expect(exported).not.toContainText('checked-42');
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/evidence-transcripts.png', fullPage: false });

    // At 1024x720 no name, size or word of a command breaks (before: "2026-03-product-" over "rollout~0", "333" over "B",
    // "rt-media-" over "gateway"): the lines each takes, counted as the tops of its text's rectangles.
    await page.setViewportSize({ width: 1024, height: 720 });
    const broken = await rows.evaluateAll((trs) => {
      const lines = (node: Node, start?: number, end?: number) => {
        const range = document.createRange();
        if (start === undefined) range.selectNodeContents(node);
        else {
          range.setStart(node, start);
          range.setEnd(node, end!);
        }
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      };
      return trs.flatMap((tr) => {
        const cells = [...tr.querySelectorAll('td')];
        const whole = [cells[0]!, cells[5]!].filter((cell) => lines(cell) > 1).map((cell) => cell.textContent);
        const what = cells[1]!;
        const text = what.textContent ?? '';
        const walker = document.createTreeWalker(what, NodeFilter.SHOW_TEXT);
        const words: string[] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const value = node.nodeValue ?? '';
          for (const match of value.matchAll(/\S+/g)) if (lines(node, match.index, match.index + match[0].length) > 1) words.push(`${match[0]} (in "${text}")`);
        }
        return [...whole, ...words];
      });
    });
    expect(broken, 'names, sizes and command words broken across lines at 1024 px').toEqual([]);
    expect(await list.locator('table').evaluate((t) => t.scrollWidth <= (t.parentElement?.clientWidth ?? 0)), 'the table inside its screen').toBe(true);
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/evidence-transcripts-1024.png', fullPage: false });
    await page.setViewportSize({ width: 1440, height: 900 });

    // Ticked: the text goes in, the secret still redacted.
    await attach.check();
    await page.getByRole('button', { name: 'CR evidence (Markdown)' }).click();
    await expect(list).toContainText('Their contents are attached, credentials redacted.');
    await expect(exported).toContainText('## Transcript contents');
    await expect(exported).toContainText('checked-42');
    await expect(exported).toContainText('AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]');
    await expect(exported).not.toContainText(SECRET);
    await expect(exported).toContainText('Maintenance mode enabled in S01, traffic served by S02');
    await page.screenshot({ path: 'test-results/evidence-transcripts-attached.png', fullPage: false });
  });
});
