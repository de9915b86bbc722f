import type { Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Baseline } from '../../shared/api/metrics';
import { initialState } from '../../shared/engine/fold';
import { rehearsalDir } from '../release-log';
import { ROOT, startServe, type ServedConsole } from './fixtures';
import { openScreen } from './steps';

/**
 * A rehearsal that starts with a release already deployed and its baselines taken, so a drill breaches at once
 * (fix-forward.spec, desk-zone.spec): the walk to there is seed-002-walk.spec.ts's and rollout-walk.spec.ts's work.
 */
export const BREACH_START = '2026-03-03T09:00:00Z';
const HOUR = 3_600_000;

export function baseline(regionId: string, metricId: string, mean: number): Baseline {
  const endMs = Date.parse(BREACH_START) - HOUR;
  return { regionId, metricId, startMs: endMs - 15 * 60_000, endMs, mean, p50: mean, p95: mean, max: mean, count: 15 };
}

/**
 * What the earlier session of the rehearsal left: the release deployed where the drill will breach, with the
 * baseline taken before it.
 */
export function deployed(dataDir: string, release: string, deployedVersions: Record<string, Record<string, string>>, baselines: Baseline[], toolState: string[] = []): void {
  const empty = initialState();
  const state = { ...empty, selectedRelease: release, world: { ...empty.world, deployed: deployedVersions }, releases: { [release]: { baselines } } };
  const dir = rehearsalDir(dataDir, BREACH_START);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
  // The simulated tools' own state, as seed 002's walk leaves it: green serving v1.2.3.
  if (toolState.length) writeFileSync(path.join(dir, 'demo-tools.state'), toolState.join('\n') + '\n');
}

/** Seed 002's workspace rehearsed with app v1.2.3 (HO-1) serving in production, green, its baselines taken. */
export async function serveSeed002Deployed(env: NodeJS.ProcessEnv = {}): Promise<ServedConsole> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-e2e-ff-'));
  deployed(dataDir, 'app-v1.2.3', { production: { app: 'v1.2.3' }, staging: { app: 'v1.2.3' } }, [baseline('production', 'errorRate', 0.1), baseline('production', 'latencyP95', 200)], ['version staging v1.2.3', 'image app-green v1.2.3', 'rollout app-green v1.2.3', 'selector app-service green']);
  return startServe(['--workspace', path.join(ROOT, 'workspaces', 'blue-green-governed'), '--rehearsal-at', BREACH_START], { NO_COLOR: '1', RELEASE_CONSOLE_DEMO_SPEED: '0', ...env }, dataDir);
}

export async function startDrill(page: Page, region: string): Promise<void> {
  await openScreen(page, 'Control pane');
  await page.getByRole('button', { name: 'Drill…' }).click();
  await page.getByLabel('Drill region').selectOption(region);
  await page.getByLabel('Drill scenario').selectOption({ label: 'Error spike' });
  await page.getByRole('button', { name: 'Start drill' }).click();
}
