// Bench: the Release board's calendar (issue 19), built from the demo's windows with a freeze of each kind,
// and its .ics export. Each iteration moves a day on, so the per-day rule memos see new days as a board would.
import os from 'node:os';
import path from 'node:path';
import { exportCalendar } from '../../shared/calendar/ics';
import { buildCalendar } from '../../shared/calendar/lanes';
import type { Freeze } from '../../shared/workspace/workspace';
import { demoWorkspaceDir, loadWorkspace } from '../../main/workspace/load';

const WARMUP = 20;
const ITERATIONS = 200;
const DAY_MS = 86_400_000;

function demoDir(): string {
  try {
    return demoWorkspaceDir();
  } catch {
    // Bundled to a temporary place: the runner starts in the repository.
    return path.resolve(process.cwd(), 'workspaces', 'demo');
  }
}

/** Seed 001's and 004's freezes, so every kind of period is drawn. */
const FREEZES: Freeze[] = [
  { id: 'holiday', title: 'Holiday freeze', zone: 'UTC', periods: [{ kind: 'annual', from: '12-15', to: '01-02' }], exceptions: [] },
  { id: 'quarter-end', title: 'Quarter-end freeze', zone: 'UTC', periods: [{ kind: 'quarterEnd', lastDays: 3 }], exceptions: [] },
  { id: 'launch', title: 'Launch freeze', zone: 'Europe/London', periods: [{ kind: 'dates', from: '2026-05-12', to: '2026-05-13' }], exceptions: [] },
  { id: 'weekend', title: 'Weekend blackout', zone: 'America/Los_Angeles', periods: [{ kind: 'weekly', days: ['Fri'], start: '14:00', end: '24:00' }, { kind: 'weekly', days: ['Sat', 'Sun'], start: '00:00', end: '24:00' }], exceptions: [] },
];

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function emit(bench: string, value: number, extra: Record<string, unknown>): void {
  // The machine is shared: the one-minute load average says how much to trust the figure.
  process.stdout.write(`${JSON.stringify({ bench, value: Number(value.toFixed(3)), unit: 'ms', loadavg1: Number(os.loadavg()[0]!.toFixed(2)), ...extra })}\n`);
}

async function main(): Promise<void> {
  const loaded = await loadWorkspace(demoDir());
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  const workspace = { ...loaded.workspace, freezes: FREEZES };
  const start = Date.parse('2026-03-19T10:55:00Z');
  const build: number[] = [];
  const ics: number[] = [];
  let lanes = 0;
  let bytes = 0;
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const now = start + i * DAY_MS;
    let began = performance.now();
    lanes = buildCalendar(workspace, now, 'America/New_York').lanes.length;
    if (i >= WARMUP) build.push(performance.now() - began);
    began = performance.now();
    bytes = exportCalendar(workspace, now, 4).content.length;
    if (i >= WARMUP) ics.push(performance.now() - began);
  }
  emit('calendar.build_ms', median(build), { lanes, days: 14 });
  emit('calendar.export_ics_ms', median(ics), { weeks: 4, bytes });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
