import type { Page } from '@playwright/test';
import { expectNoSeriousAxeViolations as expectNoSeriousAxeViolationsOn } from './axe';
import { test, expect } from './fixtures';
import { ROLLOUT_MORNING, expectState, openConsole, openRegion, openScreen, press, setOperator, step, enterPaletteCommand, captureBaseline, rehearsalAt } from './steps';

/**
 * Issue 20: axe-core on every screen and every dialog, in both themes. Contrast is checked on what is
 * drawn, so each theme is its own run.
 */
test.use(rehearsalAt(ROLLOUT_MORNING));
test.setTimeout(120_000);

async function useTheme(page: Page, theme: 'dark' | 'light'): Promise<void> {
  const other = theme === 'dark' ? 'light' : 'dark';
  const toggle = page.getByRole('button', { name: `Switch to ${theme} theme` });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.getByRole('button', { name: `Switch to ${other} theme` })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

for (const theme of ['dark', 'light'] as const) {
  test(`every screen and dialog passes axe-core in the ${theme} theme`, async ({ page, served }, testInfo) => {
    await openConsole(page, served.url);
    await useTheme(page, theme);
    // Each screen checked is also kept as a screenshot, to look at what axe-core passed.
    let shot = 0;
    const expectNoSeriousAxeViolations = async (where: string) => {
      await expectNoSeriousAxeViolationsOn(page, where);
      await page.screenshot({ path: testInfo.outputPath(`${String(++shot).padStart(2, '0')} ${where}.png`) });
    };

    await openScreen(page, 'Control pane');
    await expectNoSeriousAxeViolations(`the control pane (${theme})`);
    const workspace = await openRegion(page, 'S01');
    await expect(workspace.getByRole('heading', { name: /^S01/ })).toBeVisible();
    await expectNoSeriousAxeViolations(`the S01 workspace (${theme})`);
    for (const screen of ['Checklist', 'Release board', 'QA checklist', 'Evidence and exports'] as const) {
      await openScreen(page, screen);
      await expectNoSeriousAxeViolations(`${screen} (${theme})`);
    }

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('option').first()).toBeVisible();
    await expectNoSeriousAxeViolations(`the command palette (${theme})`);
    await enterPaletteCommand(page, 'Roll back HO-1234');
    const rollback = page.getByRole('dialog', { name: 'Roll back HO-1234' });
    // Nothing of HO-1234 is deployed yet: the dialog as it refuses, with why.
    await expect(rollback.getByRole('alert', { name: 'What blocks the rollback' })).toBeVisible();
    await expectNoSeriousAxeViolations(`the rollback dialog (${theme})`);
    await page.keyboard.press('Escape');
    await expect(rollback).toBeHidden();

    // An override is offered on an emergency release's step blocked by a window (seed 000: on-call PE agrees).
    await page.keyboard.press('Control+k');
    await enterPaletteCommand(page, 'Open release Emergency');
    await openScreen(page, 'Checklist');
    await setOperator(page, 'oscar', 'on-call PE');
    await press(page, 'emergency-form@*', 'Mark done');
    await expectState(page, 'emergency-form@*', 'Done');
    await press(page, 'consult-on-call@*', /Approve as oscar/);
    await press(page, 'raise-rm-netops@*', 'Mark done');
    await captureBaseline(page, 'emergency-baseline@EUW2');
    await expectNoSeriousAxeViolations(`the checklist with blocked and done steps (${theme})`);
    await step(page, 'emergency-maintenance-on@EUW2').getByRole('button', { name: 'Override…' }).click();
    await expect(page.getByRole('dialog', { name: /^Override / })).toBeVisible();
    await expectNoSeriousAxeViolations(`the override dialog (${theme})`);
  });
}
