import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/workspaces/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on ptys, child processes, moto and timers rather than compute: Vitest's default (cores - 1)
    // left a single fork on a 2-core machine, half idle, and one fork per core still left ~25 % of the two cores
    // idle. Whole suite on 2 cores, one sitting: 2 forks 236 s, 3 forks 199 s, 4 forks 194 s (and a flow-control
    // test's premise broken by the load, since fixed).
    maxWorkers: os.availableParallelism() + 1,
  },
});
