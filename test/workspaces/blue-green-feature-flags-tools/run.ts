import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces/blue-green-feature-flags');
export const BIN = path.join(WORKSPACE, 'bin');

/** Seed 004's simulated tools, run for real with their own state file, no delays and no colour. */
export function seedTools() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-seed004-tools-'));
  const state = path.join(home, 'state');
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: home, RELEASE_CONSOLE_DEMO_STATE: state, RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' };
  return {
    run(argv: string[]) {
      const [tool, ...args] = argv;
      const result = spawnSync(path.join(BIN, tool ?? ''), args, { env, encoding: 'utf8', timeout: 20_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    /** The state file's lines: a log, the last line for a key wins. */
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
