import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/workspaces/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on ptys, child processes, moto and timers rather than compute: one fork per core
    // left Vitest's default (cores - 1) at a single fork on a 2-core machine, half idle.
    maxWorkers: Math.max(2, os.availableParallelism()),
  },
});
