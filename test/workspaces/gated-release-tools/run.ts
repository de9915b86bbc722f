import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces/gated-release/bin');

/** The gated-release tools run with their own state file, no delays and no colour, as the demo's tests run theirs. */
export function gatedReleaseTools() {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-gated-tools-'));
  const state = path.join(home, 'state');
  const env: Record<string, string> = { PATH: '/usr/bin:/bin', HOME: home, RELEASE_CONSOLE_DEMO_STATE: state, RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' };
  return {
    state,
    run(argv: string[], extraEnv: Record<string, string> = {}) {
      const [tool, ...args] = argv;
      const result = spawnSync(path.join(BIN, tool ?? ''), args, { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 20_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    dispose() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}
