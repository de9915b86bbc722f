// Bench: every step × region of the demo release evaluated once per iteration (issue 3: target ≤ 5 ms).
import path from 'node:path';
import { computeStepStates } from '../../shared/engine/stepStates';
import { emptyProgress } from '../../shared/engine/progress';
import { demoWorkspaceDir, loadWorkspace } from '../../main/workspace/load';

const WARMUP = 50;
const ITERATIONS = 500;
/** Each iteration moves the clock on a minute, as a drill's ticking clock would. */
const TICK_MS = 60_000;

function demoDir(): string {
  try {
    return demoWorkspaceDir();
  } catch {
    // Bundled to a temporary place: the runner starts in the repository.
    return path.resolve(process.cwd(), 'workspaces', 'demo');
  }
}

async function main(): Promise<void> {
  const loaded = await loadWorkspace(demoDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  const workspace = loaded.workspace;
  const release = workspace.releases.find((r) => r.id === workspace.defaultRelease) ?? workspace.releases[0];
  if (!release) throw new Error('The demo workspace has no release.');
  const progress = emptyProgress();
  const start = Date.parse('2026-03-20T10:55:00Z');
  let instances = 0;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const began = performance.now();
    instances = computeStepStates({ workspace, release, progress, now: start + i * TICK_MS }).length;
    const elapsed = performance.now() - began;
    if (i >= WARMUP) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? Number.NaN;
  const runbook = workspace.runbooks.find((r) => r.id === release.runbook);
  const steps = runbook ? runbook.gates.reduce((n, g) => n + g.steps.length, 0) : 0;
  process.stderr.write(`${instances} step instances per iteration\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'rules.evaluate_all_ms', value: Number(median.toFixed(3)), unit: 'ms', steps, regions: workspace.regions.length })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
