// One closing line over every runner, in the plain form CI reads: "tests: N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;

if (existsSync('test-results/vitest.json')) {
  const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
for (const file of ['test-results/e2e.json', 'test-results/electron.json']) {
  if (!existsSync(file)) continue;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  flaky += stats.flaky;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped${flaky > 0 ? ` (${flaky} passed only on a retry: flaky)` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
