import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withoutAwsCredentials } from '../../shared/terminal/rehearsalCredentials';

/**
 * The environment terminals start from: the console's own, minus what belongs to the console's runtime
 * (ELECTRON_RUN_AS_NODE and friends would turn a child Electron into Node; NODE_OPTIONS would load our
 * flags into a user's node), with the workspace's `bin/` first on PATH so command steps find its tools.
 * In a rehearsal, without the AWS credential variables: every shell, step and probe starts from here.
 */
export function terminalEnvironment(workspaceDir: string, base: NodeJS.ProcessEnv = process.env, options: { rehearsal: boolean } = { rehearsal: false }): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined || key.startsWith('ELECTRON_') || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  const tools = workspaceToolDir(workspaceDir);
  if (tools !== null) env.PATH = env.PATH ? `${tools}${path.delimiter}${env.PATH}` : tools;
  return options.rehearsal ? withoutAwsCredentials(env) : env;
}

/**
 * A workspace's tools live in `bin/`. In a packaged app the workspace is inside app.asar, which no
 * process can execute from; electron-builder unpacks `workspaces/**\/bin/**` next to it (asarUnpack).
 */
export function workspaceToolDir(workspaceDir: string): string | null {
  const dir = path.join(workspaceDir, 'bin').replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
  return existsSync(dir) ? dir : null;
}

/**
 * The folder a command step or rollback runs in: the workspace's own, so a runbook's `./scripts/deploy.sh`
 * (seed 002) is the workspace's `scripts/deploy.sh`; unpacked from app.asar like `bin/` (asarUnpack).
 */
export function workspaceCommandDir(workspaceDir: string): string {
  return workspaceDir.replace(`${path.sep}app.asar${path.sep}`, `${path.sep}app.asar.unpacked${path.sep}`);
}

/** Where transcripts go unless the adapter says otherwise (Electron passes its userData folder). */
export function defaultDataDir(): string {
  return path.join(os.homedir(), '.release-console');
}
