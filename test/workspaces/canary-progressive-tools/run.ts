import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Seed 001's workspace: its tools are `bin/kubectl` and the runbook's `./scripts/…`, run from this folder. */
export const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../workspaces/canary-progressive');

/** Tools run as a command step runs them: in the workspace folder, bin/ on PATH, a region's terminal, no delays. */
export function clusterTools(options: { region?: string } = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-canary-tools-'));
  const state = path.join(home, 'state');
  const env: Record<string, string> = {
    PATH: `${path.join(WORKSPACE, 'bin')}:/usr/bin:/bin`,
    HOME: home,
    RELEASE_CONSOLE_DEMO_STATE: state,
    RELEASE_CONSOLE_DEMO_SPEED: '0',
    RELEASE_CONSOLE_REGION: options.region ?? 'prod-use1',
    NO_COLOR: '1',
  };
  return {
    env,
    run(argv: string[], extraEnv: Record<string, string> = {}) {
      const [tool, ...args] = argv;
      const result = spawnSync(tool ?? '', args, { cwd: WORKSPACE, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 20_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    /** The state file's lines, the tools' log of what they changed. */
    state(): string[] {
      try {
        return readFileSync(state, 'utf8').split('\n').filter(Boolean);
      } catch {
        return [];
      }
    },
    dispose() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The runbook's default release, as the engineer who wrote it runs it (seed 001, "Step 2"–"Step 4"). */
export const NEW_IMAGE = 'api-server=registry.example.com/api-server:v1.2.3';
export const RELEASE_COMMANDS = [
  ['kubectl', 'set', 'image', 'deployment/api-server-canary', NEW_IMAGE, '-n', 'production'],
  ['kubectl', 'rollout', 'status', 'deployment/api-server-canary', '-n', 'production'],
  ['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production', '--replicas', '3'],
  ['kubectl', 'set', 'image', 'deployment/api-server', NEW_IMAGE, '-n', 'production'],
  ['kubectl', 'rollout', 'status', 'deployment/api-server', '-n', 'production', '--timeout=10m'],
  ['kubectl', 'scale', 'deployment/api-server-canary', '-n', 'production', '--replicas', '0'],
  ['./scripts/verify-deployment.sh', '--full'],
];
