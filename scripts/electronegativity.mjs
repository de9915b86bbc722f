// `npm test` step: Doyensec's Electronegativity over the app's own sources (main/, preload/, renderer/ and
// package.json for the Electron version). The report is kept in test-results/electronegativity.csv; any
// HIGH finding of FIRM or CERTAIN confidence fails the run and is printed.
//
// The TypeScript sources are scanned rather than out/: Electronegativity parses TS itself, and a finding
// then names the line a person edits instead of a line in a bundle.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const report = path.join(root, 'test-results', 'electronegativity.csv');

/**
 * Checks not run, each with why. Every other check runs.
 * - AvailableSecurityFixesGlobalCheck (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) downloads Electron's release list from GitHub; CI runs offline
 *   here, and keeping Electron current is the job of `npm outdated` / dependency updates, not of a test.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/** Electronegativity reads a folder; it gets exactly the app's sources, no tests, no node_modules. */
function stageSources() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-electronegativity-'));
  for (const part of ['main', 'preload', 'renderer']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  // The Electron version the app is built against, exactly, so version-dependent defaults are judged right.
  const electron = JSON.parse(readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  cpSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  return { dir, electron, name: pkg.name };
}

async function main() {
  const run = require('@doyensec/electronegativity');
  const { dir, electron } = stageSources();
  mkdirSync(path.dirname(report), { recursive: true });
  try {
    const result = await run({
      input: dir,
      output: report,
      isSarif: false,
      isRelative: true,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electron,
      severitySet: 'informational',
      confidenceSet: 'tentative',
    });
    const hard = result.errors.filter((e) => !e.tolerable);
    for (const error of hard) console.error(`electronegativity: could not parse ${path.relative(dir, error.file)}: ${error.message}`);
    const failing = result.issues.filter(
      (issue) => issue.severity.name === 'HIGH' && (issue.confidence.name === 'FIRM' || issue.confidence.name === 'CERTAIN'),
    );
    for (const issue of failing) {
      console.error(`${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${issue.file}:${issue.location.line}:${issue.location.column}: ${issue.description}`);
    }
    console.log(
      `electronegativity ${require('@doyensec/electronegativity/package.json').version} on Electron ${electron}: ` +
        `${result.globalChecks + result.atomicChecks} checks, ${result.issues.length} findings (report: ${path.relative(root, report)}), ` +
        `${failing.length} HIGH of FIRM or CERTAIN confidence`,
    );
    process.exitCode = failing.length > 0 || hard.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
