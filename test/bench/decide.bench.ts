// Bench: the decision engine (issue 14). The view asks `decide` for every ready step, so its cost is
// part of every push; the fold is part of every start-up replay.
import os from 'node:os';
import path from 'node:path';
import { decide } from '../../shared/engine/decide';
import type { ReleaseEvent } from '../../shared/engine/events';
import { applyEvents, initialState } from '../../shared/engine/fold';
import { progressOf } from '../../shared/engine/live';
import { emptyReleaseRecord } from '../../shared/engine/state';
import { computeStepStates } from '../../shared/engine/stepStates';
import { buildReleaseView } from '../../main/release/view';
import { demoWorkspaceDir, loadWorkspace } from '../../main/workspace/load';

const WARMUP = 30;
const ITERATIONS = 300;
const FOLD_EVENTS = 10_000;
const R = '2026-03-product-rollout';

function demoDir(): string {
  try {
    return demoWorkspaceDir();
  } catch {
    return path.resolve(process.cwd(), 'workspaces', 'demo');
  }
}

function median(run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const began = performance.now();
    run();
    if (i >= WARMUP) samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

function figure(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  // The machine is shared: the one-minute load average says how much to trust the figure.
  process.stdout.write(`${JSON.stringify({ bench, value: Number(value.toFixed(3)), unit, loadavg1: Number(os.loadavg()[0]!.toFixed(2)), ...extra })}\n`);
}

async function main(): Promise<void> {
  const loaded = await loadWorkspace(demoDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  const workspace = loaded.workspace;
  const release = workspace.releases.find((r) => r.id === R)!;
  const now = Date.parse('2026-03-19T12:30:00Z');
  // Mid-rollout: SDC/LON done, EU still to come, so the view has done, ready and blocked steps.
  const instances = computeStepStates({ workspace, release, progress: progressOf(emptyReleaseRecord(), initialState().world), now });
  const done: ReleaseEvent[] = instances
    .filter((s) => s.kind !== 'approval' && s.kind !== 'soak' && (s.stepId === 'write-prod-cr' || s.stepId.startsWith('sdc-')))
    .map((s) => ({ type: 'stepFinished', actor: { name: 'alice', role: 'PE' }, at: now - 3_600_000, release: R, step: s.stepId, region: s.region, outcome: 'done', cause: 'tick', note: null, exitCode: null }));
  done.push({ type: 'approvalGiven', actor: { name: 'bob', role: 'PE' }, at: now - 3_600_000, release: R, step: 'review-prod-cr', region: null, approver: { name: 'bob', role: 'PE', at: now - 3_600_000 } });
  const state = { ...applyEvents(initialState(), done), metrics: {} };
  const operator = { name: 'alice', role: 'PE' };

  const view = median(() => buildReleaseView({ workspace, release, state, now, operator, storageWarnings: [] }, []));
  figure('engine.view_build_ms', view, 'ms', { stepInstances: instances.length });

  const intent = { kind: 'startStep' as const, release: R, step: 'eu-first-baseline', region: 'EUW2' };
  const once = median(() => decide(intent, state, now, operator, workspace));
  figure('engine.decide_start_step_ms', once, 'ms');

  const events: ReleaseEvent[] = Array.from({ length: FOLD_EVENTS }, (_, i) => ({ type: 'qaTicked', actor: { name: 'quinn', role: 'QA' }, at: now + i, release: R, itemId: `qa-post-rollout#${(i % 11) + 1}`, tick: { outcome: i % 2 ? 'pass' : 'open', by: { name: 'quinn', role: 'QA' }, at: now + i } }));
  const began = performance.now();
  applyEvents(initialState(), events);
  figure('engine.fold_10k_events_ms', performance.now() - began, 'ms', { events: FOLD_EVENTS });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
