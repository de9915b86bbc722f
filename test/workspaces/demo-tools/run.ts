import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces/demo/bin');

/** A tool run with its own state file, no delays, and no colour unless asked (so assertions read plainly). */
export function demoTools(options: { colour?: boolean } = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-demo-tools-'));
  const env: Record<string, string> = {
    PATH: '/usr/bin:/bin',
    HOME: home,
    RELEASE_CONSOLE_DEMO_STATE: path.join(home, 'state'),
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    ...(options.colour ? {} : { NO_COLOR: '1' }),
  };
  return {
    home,
    env,
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
