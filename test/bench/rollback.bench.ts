// rollback.alert_to_first_command_s: in Debian's Chromium against the real `release-console serve`, from a
// breach alert appearing in the alert bar to the first rollback command having run in a region's terminal
// (its exit code shown on the rollback screen, so the pty started, ran the demo tool and exited). In between:
// click "Roll back HO-1234" on the alert, type the id at ~50 ms a key (page.keyboard.type, delay 50), click
// "Roll back HO-1234 now". Clicks are instant: a person's reading time is not in the figure. Demo tools at
// RELEASE_CONSOLE_DEMO_SPEED=0. Median of a few runs, each on a fresh data dir.
import { chromium, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const RUNS = 3;
const TYPING_DELAY_MS = 50;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const root = process.cwd();

async function serve(dataDir: string) {
  const child = spawn(process.execPath, [path.join(root, 'out', 'cli', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', dataDir, '--rehearsal-at', '2026-03-19T10:55:00Z'], {
    env: { ...process.env, RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^Release Console: (\S+)$/.exec(line);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  return { url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

const step = (page: Page, key: string) => page.locator(`[data-step="${key}"]`);

async function press(page: Page, key: string, button: string | RegExp, until = 'Done'): Promise<void> {
  await step(page, key).getByRole('button', { name: button }).click();
  await step(page, key).locator('.step-head .badge', { hasText: until }).waitFor();
}

async function setOperator(page: Page, name: string, role: string): Promise<void> {
  await page.getByLabel('Operator name').fill(name);
  await page.getByLabel('Operator name').blur();
  await page.getByLabel('Role').selectOption(role);
  await page.locator(`[data-operator="${name}|${role}"]`).waitFor();
}

/** The Friday rollout up to HO-1234 running in S01, then an error-spike drill there and 15 minutes on. */
async function setUpBreach(page: Page): Promise<void> {
  await setOperator(page, 'alice', 'PE');
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await press(page, 'write-prod-cr@*', 'Mark done');
  await setOperator(page, 'bob', 'PE');
  await press(page, 'review-prod-cr@*', /Approve as bob/);
  await setOperator(page, 'alice', 'PE');
  await press(page, 'sdc-baseline@S01', 'Capture baseline');
  await press(page, 'sdc-maintenance-on@S01', 'Run');
  await press(page, 'sdc-deploy@S01', 'Run');
  await setOperator(page, 'oscar', 'on-call PE');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption('S01');
  await page.getByLabel('Drill scenario').selectOption('errorSpike');
  await page.getByRole('button', { name: 'Start drill' }).click();
  await page.getByRole('button', { name: '+15 min', exact: true }).click();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const toCommand: number[] = [];
const toRunning: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-rollback-'));
  const served = await serve(dataDir);
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(served.url);
  await setUpBreach(page);

  const alert = page.getByLabel('Alerts').getByRole('alert').filter({ hasText: 'S01: Error rate above 5%' });
  await alert.waitFor();
  const alerted = performance.now();
  await alert.getByRole('button', { name: 'Roll back HO-1234' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back HO-1234' });
  await dialog.getByLabel('Type HO-1234 to confirm').waitFor();
  await page.keyboard.type('HO-1234', { delay: TYPING_DELAY_MS });
  await dialog.getByRole('button', { name: 'Roll back HO-1234 now' }).click();
  await dialog.locator('[data-rollback-step]:not([data-state="pending"])').first().waitFor();
  toRunning.push(performance.now() - alerted);
  await dialog.locator('[data-rollback-step] .rb-exit', { hasText: 'exit' }).first().waitFor();
  toCommand.push(performance.now() - alerted);

  await page.close();
  await served.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
await browser.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => Math.round(ms / 10) / 100;
console.log(
  JSON.stringify({
    bench: 'rollback.alert_to_first_command_s',
    value: seconds(median(toCommand)),
    unit: 's',
    target: 10,
    runs: RUNS,
    min: seconds(Math.min(...toCommand)),
    max: seconds(Math.max(...toCommand)),
    firstStepShownRunningS: seconds(median(toRunning)),
    note: `alert visible → first rollback command's exit code on screen; id typed at ${TYPING_DELAY_MS} ms/key, clicks instant (no reading time)`,
  }),
);
