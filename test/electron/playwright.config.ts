import { defineConfig } from '@playwright/test';

// The real Electron app through Playwright's _electron. Runs wherever an Electron binary is installed;
// elsewhere every test reports itself skipped with the reason (never as passed).
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  outputDir: '../../test-results/electron-artifacts',
  reporter: [['list'], ['json', { outputFile: '../../test-results/electron.json' }]],
});
