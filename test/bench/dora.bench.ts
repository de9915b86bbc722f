// Bench: the delivery metrics over a 10,000-release history (issue 19: dora.compute_ms, goal ≤ 200 ms).
// The history is the demo's generator (main/delivery/demo-history.ts) run for 10,000 releases, held in
// memory as the log's parsed events: what is timed is the one pass over them and the report.
import os from 'node:os';
import path from 'node:path';
import { deliveryFacts } from '../../shared/delivery/facts';
import { deliveryReport } from '../../shared/delivery/report';
import { generateDeliveryHistory } from '../../main/delivery/demo-history';
import { demoWorkspaceDir, loadWorkspace } from '../../main/workspace/load';

const RELEASES = 10_000;
const WARMUP = 3;
const RUNS = 15;

function demoDir(): string {
  try {
    return demoWorkspaceDir();
  } catch {
    return path.resolve(process.cwd(), 'workspaces', 'demo');
  }
}

async function main(): Promise<void> {
  const loaded = await loadWorkspace(demoDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  const until = Date.parse('2026-03-16T00:00:00Z');
  const events = generateDeliveryHistory({ workspace: loaded.workspace, until, releases: RELEASES });
  const since = events[0]!.at;
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let deployments = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const cpu = process.cpuUsage();
    const began = performance.now();
    const report = deliveryReport(deliveryFacts(events), { environment: 'production', package: null, since, until }, loaded.workspace.delivery);
    const elapsed = performance.now() - began;
    deployments = report.counts.deployments;
    if (i >= WARMUP) {
      samples.push(elapsed);
      cpuSamples.push(process.cpuUsage(cpu).user / 1000);
    }
  }
  // The machine is shared: the CPU time beside the wall time says how much of it was waiting for a core.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  process.stdout.write(`${JSON.stringify({ bench: 'dora.compute_ms', value: Number(median(samples).toFixed(2)), unit: 'ms', cpu_ms: Number(median(cpuSamples).toFixed(2)), goal: 200, releases: RELEASES, events: events.length, deployments, weeks: Math.ceil((until - since) / (7 * 86_400_000)), loadAverage: Number(os.loadavg()[0]!.toFixed(2)) })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
