import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const FOLDERS = ['test/shared', 'test/main', 'test/renderer', 'test/workspaces'];
const INCLUDE = FOLDERS.map((folder) => `${folder}/**/*.test.ts`);

/**
 * A file that replaces a module (`vi.mock`) or moves the process's time zone needs a fork of its own: with one fork
 * shared across files, the module it mocks was already loaded, real, by an earlier file, and a zone read once by an
 * earlier file stays read. Found by what the file does, so a new file of either kind is isolated without a list.
 */
const NEEDS_ISOLATION = /\bvi\.(?:do)?[mM]ock\(|process\.env\.TZ\s*=(?!=)/;
const ISOLATED = FOLDERS.flatMap((folder) =>
  readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => `${folder}/${file.split(path.sep).join('/')}`),
).filter((file) => NEEDS_ISOLATION.test(readFileSync(path.join(ROOT, file), 'utf8')));

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on ptys, child processes, moto and timers rather than compute: Vitest's default (cores - 1)
    // left a single fork on a 2-core machine, half idle, and one fork per core still left ~25 % of the two cores
    // idle. Whole suite on 2 cores, one sitting: 2 forks 236 s, 3 forks 199 s, 4 forks 194 s (and a flow-control
    // test's premise broken by the load, since fixed).
    maxWorkers: os.availableParallelism() + 1,
    projects: [
      // The other files share their fork's loaded modules: a fresh fork per file spent 91 s of the suite's CPU
      // importing the same modules again (the whole suite on 2 cores: 201 s isolated, 142 s shared).
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
