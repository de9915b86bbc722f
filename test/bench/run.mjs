// `npm run bench`: runs every test/bench/*.bench.ts (bundled with esbuild, run with node) in turn and
// passes through the one-JSON-object-per-line figures each prints, plus a context line about the machine.
// A *.diagnostic.ts (a trace that explains a figure, not a figure) runs only when named: `run.mjs page-trace`.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const benchDir = path.join(root, 'test', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') || (only.length > 0 && f.endsWith('.diagnostic.ts')))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

console.log(JSON.stringify({ bench: 'context.machine', value: os.cpus().length, unit: 'cores', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }));

// Inside the repo, so the bundles' external imports resolve from its node_modules.
const outDir = path.join(root, 'out', 'bench');
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const file of files) {
  const outfile = path.join(outDir, file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [path.join(benchDir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    absWorkingDir: root,
  });
  const result = spawnSync(process.execPath, [outfile], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    console.error(`bench ${file} exited with ${result.status ?? result.signal}`);
  }
}
rmSync(outDir, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
