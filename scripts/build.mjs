// One build for the three targets: Vite for the renderer, esbuild for main, preload and the CLI.
// `--node` builds only the Node bundles (what `npm ci` runs through `prepare`, so the CLI works at once).
import { build as esbuild } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
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

const [cliBuild] = await Promise.all([
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
    metafile: true,
  }),
  esbuild({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'out/main/electron.mjs',
    format: 'esm',
    packages: 'external',
  }),
  // The pty host process (main/terminal/ptyHost/): CommonJS, so child_process.fork (browser mode) and
  // Electron's utilityProcess.fork both load it; node-pty stays external (native, asar-unpacked).
  esbuild({ ...common, entryPoints: ['main/terminal/ptyHost/entry.ts'], outfile: 'out/ptyHost/index.cjs', format: 'cjs', packages: 'external' }),
  // The tool shim a console shell runs (main/terminal/shim/): one file with no dependencies, copied into each session's shim folder.
  esbuild({ ...common, entryPoints: ['main/terminal/shim/client.ts'], outfile: 'out/shim/client.mjs', format: 'esm' }),
  // A sandboxed preload cannot require anything but `electron`: bundle everything else into it.
  esbuild({ ...common, entryPoints: ['preload/index.ts'], outfile: 'out/preload/index.cjs', format: 'cjs', external: ['electron'] }),
]);

// Chunk names carry a content hash: drop the chunks earlier builds left, so out/cli holds one build.
const written = new Set(Object.keys(cliBuild.metafile.outputs).map((file) => path.resolve(root, file)));
for (const name of readdirSync(path.join(root, 'out', 'cli'))) {
  const file = path.join(root, 'out', 'cli', name);
  if (!written.has(file)) rmSync(file);
}

if (!nodeOnly) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), root: path.join(root, 'renderer'), logLevel: 'warn' });
}
