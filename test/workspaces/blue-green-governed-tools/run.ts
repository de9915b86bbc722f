import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces/blue-green-governed');

/**
 * Seed 002's tools run as the console runs a step: from the workspace's folder (so `./scripts/deploy.sh`
 * resolves) with its bin/ first on PATH (so `kubectl` and `pytest` are the simulated ones), with their own
 * state file, no delays, and no colour.
 */
export function seed002Tools() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-seed002-tools-'));
  const state = path.join(home, 'state');
  const env: Record<string, string> = {
    PATH: `${path.join(WORKSPACE, 'bin')}:/usr/bin:/bin`,
    HOME: home,
    RELEASE_CONSOLE_DEMO_STATE: state,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    NO_COLOR: '1',
  };
  return {
    run(argv: string[], extraEnv: Record<string, string> = {}) {
      const [tool, ...args] = argv;
      const result = spawnSync(tool ?? '', args, { cwd: WORKSPACE, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 20_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    state(): string[] {
      try {
        return readFileSync(state, 'utf8').trim().split('\n');
      } catch {
        return [];
      }
    },
    dispose() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}
