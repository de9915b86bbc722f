// One build for the three targets: Vite for the renderer, esbuild for main, preload and the CLI.
// `--node` builds only the Node bundles (what `npm ci` runs through `prepare`, so the CLI works at once).
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeOnly = process.argv.includes('--node');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

await Promise.all([
  // Main process and CLI as ESM: electron-store is ESM-only, and Electron runs ESM mains.
  // Split so `check` never loads the server's modules: pipelines ask it "may I deploy now?" and want an answer at once.
  esbuild({
    ...common,
    entryPoints: { cli: 'main/cli.ts' },
    outdir: 'out/cli',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    packages: 'external',
  }),
  esbuild({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'out/main/electron.mjs',
    format: 'esm',
    packages: 'external',
  }),
  // A sandboxed preload cannot require anything but `electron`: bundle everything else into it.
  esbuild({ ...common, entryPoints: ['preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] }),
]);

if (!nodeOnly) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), root: path.join(root, 'renderer'), logLevel: 'warn' });
}
