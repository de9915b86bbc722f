// A crash test's child process: its fixture bundled once, so the parent can SIGKILL a plain Node process.
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');

export interface ChildBundle {
  script: string;
  remove(): Promise<void>;
}

/** Bundles `entry` into out/, where the bundle's external imports (zod, luxon, yaml) resolve from the repo's node_modules. */
export async function bundleChild(entry: string): Promise<ChildBundle> {
  const name = path.basename(entry, '.ts');
  const dir = await mkdtemp(path.join(ROOT, 'out', `${name}-`));
  const script = path.join(dir, `${name}.mjs`);
  await build({ entryPoints: [entry], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning', absWorkingDir: ROOT });
  return { script, remove: () => rm(dir, { recursive: true, force: true }) };
}
