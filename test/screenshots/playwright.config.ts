import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from '../e2e/playwright.config';

// `npm run screenshots`: the README's pictures, taken from the real app in Debian's Chromium. Not part of
// `npm test` (it asserts only what it needs to reach each screen); run it when a screen changes.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.shots.ts',
  workers: 1,
  timeout: 180_000,
  outputDir: '../../test-results/screenshots-artifacts',
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1440, height: 900 },
  },
});
