import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/shared/**/*.test.ts', 'test/main/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/workspaces/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
