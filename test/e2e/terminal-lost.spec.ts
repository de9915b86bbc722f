import { execFileSync } from 'node:child_process';
import { test, expect } from './fixtures';
import { openRegion, openShell, scrollToTerminal } from './steps';

/** The serve's pty host, found as a PE would with ps: its child running out/ptyHost/index.cjs. */
function ptyHostPid(servePid: number): number {
  const children = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(servePid)], { encoding: 'utf8' });
  const line = children.split('\n').find((l) => l.includes('ptyHost'));
  if (!line) throw new Error(`no pty host among serve's children:\n${children}`);
  return Number(line.trim().split(/\s+/)[0]);
}

test('a shell lost with the pty host says it takes no input and offers a new shell, which takes the keyboard', async ({ page, served }) => {
  await page.goto(served.url);
  const s01 = await openRegion(page, 'S01');
  await openShell(s01);
  const rows = await scrollToTerminal(s01);
  await page.keyboard.type('echo before-$((6*7))\n');
  await expect(rows).toContainText('before-42');

  process.kill(ptyHostPid(served.process.pid!), 'SIGKILL');
  await expect(rows).toContainText('this session was lost');
  // Before, the lost shell kept its blinking cursor and the keyboard, and swallowed what was typed without a word.
  const note = s01.locator('.terminal:not([hidden])').getByRole('note');
  await expect(note).toContainText('This shell was lost with the pty host (the pty host was killed by SIGKILL): it takes no input.');
  // The keyboard left the terminal for the note: what is typed now goes nowhere, and opens nothing either.
  await expect(note).toBeFocused();
  await page.keyboard.type('echo typed after ');
  await expect(s01.getByRole('tab')).toHaveCount(1);
  await expect(rows).not.toContainText('typed after');
  await page.screenshot({ path: test.info().outputPath('shell-lost.png') });
  const newShell = note.getByRole('button', { name: 'Open a new shell' });

  await newShell.click();
  // The lost shell's tab is still there, holding its name.
  await expect(s01.getByRole('tab', { selected: true })).toHaveText('Shell 2');
  await s01.locator('.terminal .xterm').filter({ visible: true }).click();
  await page.keyboard.type('echo after-$((6*7))\n');
  await expect(rows).toContainText('after-42');
  await expect(s01.locator('.terminal:not([hidden])').getByRole('note')).toHaveCount(0);
});

test.describe('at 1024×720', () => {
  test.use({ viewport: { width: 1024, height: 720 } });

  test("two lost shells' tabs both end in a whole ' · lost': the names give way, not the state", async ({ page, served }) => {
    await page.goto(served.url);
    const s01 = await openRegion(page, 'S01');
    // Each shell answers first, so both run in the host before it is killed: killed while the second was still
    // starting, a run beside a CI (load ~4) waited out its minute for the two tabs to read lost.
    for (const word of ['first', 'second']) {
      await openShell(s01);
      await page.keyboard.type(`echo ${word}-$((6*7))\n`);
      await expect(await scrollToTerminal(s01)).toContainText(`${word}-42`);
    }
    process.kill(ptyHostPid(served.process.pid!), 'SIGKILL');
    const tabs = s01.getByRole('tab');
    await expect(tabs).toHaveText(['Shell · lost', 'Shell 2 · lost']);
    await s01.locator('.terminal-strip').scrollIntoViewIfNeeded();
    // Before, the strip scrolled the tabs whole past its edges: they read "ell · lost" and "Shell · los".
    const strip = (await s01.locator('.tabs').boundingBox())!;
    for (const tab of await tabs.all()) {
      const end = tab.getByText('· lost');
      const box = (await end.boundingBox())!;
      expect(box.x, 'the end label starts inside the strip').toBeGreaterThanOrEqual(strip.x);
      expect(box.x + box.width, 'the end label ends inside the strip').toBeLessThanOrEqual(strip.x + strip.width + 0.5);
      const tabBox = (await tab.boundingBox())!;
      expect(box.x + box.width, 'the end label ends inside its tab').toBeLessThanOrEqual(tabBox.x + tabBox.width + 0.5);
    }
    await s01.locator('.terminal-strip').screenshot({ path: test.info().outputPath('lost-tabs-1024.png') });
  });
});
