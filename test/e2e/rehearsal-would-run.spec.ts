import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, ROOT } from './fixtures';
import { ROLLOUT_MORNING, expectState, openRegion, run, step, terminalRows, writeAndReviewProductionCr, captureBaseline } from './steps';

/**
 * Issue 16 in Chromium: a rehearsal of a workspace whose `deploy` is a real tool (the demo's copied, its
 * deploy replaced by a script that leaves a marker, not declared rehearsal-safe). Pressing Run on S01's
 * deploy runs nothing; the step's terminal says what would have run, and the walk goes on.
 */
const scratch = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-would-run-'));
const workspace = path.join(scratch, 'workspace');
const marker = path.join(scratch, 'deploy-ran');
cpSync(path.join(ROOT, 'workspaces', 'demo'), workspace, { recursive: true });
writeFileSync(path.join(workspace, 'bin', 'deploy'), `#!/bin/sh\nprintf '%s\\n' "$*" >> '${marker}'\n`);
chmodSync(path.join(workspace, 'bin', 'deploy'), 0o755);
const commands = path.join(workspace, 'commands.yaml');
writeFileSync(commands, readFileSync(commands, 'utf8').replace(/(id: deploy-(apply|rollback), [^\n]*?)rehearsalSafe: true, /g, '$1'));

test.describe('a rehearsal of a workspace with a real deploy tool', () => {
  test.use({
    serveArgs: ['--workspace', workspace, '--rehearsal-at', ROLLOUT_MORNING],
    serveEnv: { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_STATE: path.join(scratch, 'demo-state') },
  });
  test.setTimeout(120_000);

  test('shows "Rehearsal: would run deploy apply …, not run" in the step\'s terminal, runs nothing, and the region shows the version', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status')).toHaveText('Connected');
    await writeAndReviewProductionCr(page);
    const s01 = await openRegion(page, 'S01');
    await captureBaseline(page, 'sdc-baseline@S01');
    // The demo's simulated maintenance tool is rehearsal-safe: it really runs.
    await run(page, 'sdc-maintenance-on@S01');
    await run(page, 'sdc-deploy@S01');

    await expect(terminalRows(s01)).toContainText('Rehearsal: would run deploy apply stats-transcribed 1.9.1 --region S01, not run');
    await expect(step(page, 'sdc-deploy@S01').locator('.step-done-note')).toContainText('Rehearsal: would run deploy apply rt-media-gateway 4.13.0 --region S01, not run');
    // Its tab does not claim an exit code for a run that never happened; beside the other deploys it reads the words it differs in.
    await expect(s01.locator('.terminal-strip')).toContainText('deploy stats-transcribed 1.9.1 · not run (rehearsal)');
    await expect(s01.getByLabel('Metrics polling')).toContainText('Simulated metrics (rehearsal)');
    await page.screenshot({ path: test.info().outputPath('rehearsal-would-run.png') });
    // The would-run note reads at AA contrast (axe-core on the step's row).
    const axe = await new AxeBuilder({ page }).include('[data-step="sdc-deploy@S01"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(existsSync(marker)).toBe(false);
    // The deploy's declared effect is applied: the next step of the walk opens.
    await expectState(page, 'sdc-check-versions@S01', 'Ready');
  });
});
