// Bench (issue 16): the slowest match of any pattern of every shipped workspace against a 10,000-character
// value. Patterns are matched with RE2 (linear time), so no value can make one stall the event loop.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compilePattern } from '../../shared/workspace/pattern';
import { loadWorkspace } from '../../main/workspace/load';

const LENGTH = 10_000;
/** Round 0 is the warm-up: it includes V8 compiling re2js itself, reported apart as coldWorstMs; the figure is the slowest pattern × value, each the median of its 5 warm rounds. */
const ROUNDS = 6;
/** The values a backtracking engine finds hardest: long runs that nearly match, then fail at the end. */
const VALUES = [
  '1'.repeat(LENGTH),
  `${'1'.repeat(LENGTH - 1)}!`,
  `${'1.'.repeat(LENGTH / 2 - 1)}1!`,
  `v${'1'.repeat(LENGTH - 2)}!`,
  'a'.repeat(LENGTH),
  `${'a'.repeat(LENGTH - 1)}\u0000`,
  `${'A'.repeat(LENGTH - 1)}-`,
  `HO-${'9'.repeat(LENGTH - 4)}x`,
];

async function main(): Promise<void> {
  const root = path.resolve(process.cwd(), 'workspaces');
  let worst = 0;
  let coldWorst = 0;
  let worstSingle = 0;
  let worstAt = '';
  const warm: number[] = [];
  let patterns = 0;
  for (const name of readdirSync(root).sort()) {
    const loaded = await loadWorkspace(path.join(root, name));
    if (!loaded.ok) throw new Error(`${name}: ${loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n')}`);
    for (const [id, pattern] of Object.entries(loaded.workspace.patterns)) {
      const compiled = compilePattern(pattern);
      if (!compiled.ok) throw new Error(`${name} pattern ${id}: ${compiled.error}`);
      patterns++;
      for (const value of VALUES) {
        const rounds: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const began = performance.now();
          compiled.matchesWhole(value);
          const elapsed = performance.now() - began;
          if (round === 0) coldWorst = Math.max(coldWorst, elapsed);
          else rounds.push(elapsed);
        }
        // A pair's time is the median of its warm rounds: on a shared machine one round can be preempted.
        rounds.sort((a, b) => a - b);
        const pairMs = rounds[Math.floor(rounds.length / 2)] ?? 0;
        warm.push(pairMs);
        worstSingle = Math.max(worstSingle, rounds.at(-1) ?? 0);
        if (pairMs > worst) {
          worst = pairMs;
          worstAt = `${name}/${id}`;
        }
      }
    }
  }
  warm.sort((a, b) => a - b);
  const medianMs = Number((warm[Math.floor(warm.length / 2)] ?? Number.NaN).toFixed(3));
  const loadAverage = Number(os.loadavg()[0]!.toFixed(2));
  process.stdout.write(`${JSON.stringify({ bench: 'workspace.worst_pattern_ms', value: Number(worst.toFixed(3)), unit: 'ms', pattern: worstAt, coldWorstMs: Number(coldWorst.toFixed(3)), worstSingleMs: Number(worstSingle.toFixed(3)), medianMs, patterns, values: VALUES.length, valueLength: LENGTH, loadAverage })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
