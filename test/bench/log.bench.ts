// log.append_p95_ms: one fsynced event appended through the repository, with 100,000 events already in
// the log, p95 of 300. log.replay_ms: openRepository on that log with no snapshot: read, check every
// line's hash and chain, and fold all 100,000 events (goal ≤ 1,000 ms), median of 5, with its CPU time.
import { mkdtemp, open, rm, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../shared/clock';
import { EMPTY_LOG, encodeLogEntry } from '../../main/storage/log-entry';
import { LOG_FILE, openRepository, SNAPSHOT_FILE } from '../../main/storage/repository';
import { z } from 'zod';
import { StepEvent, stepEventFor } from '../main/storage/fixtures/step-log';

const EVENTS = 100_000;
const ROUNDS = 300;
const WARMUP = 20;
const REPLAYS = 5;
/** Lines per write while building the log: keeps building 100,000 entries to a few seconds. */
const BUILD_BATCH = 5_000;

const clock = systemClock();

/**
 * A fold that costs O(1) per event, so the figure is the log's (read, hash check, chain, schema) and not a
 * reducer that copies a growing map per event, which would cost the same with any store.
 */
const TallyState = z.object({ applied: z.number().int(), byType: z.record(z.string(), z.number().int()) });
type TallyState = z.infer<typeof TallyState>;
const emptyTally = (): TallyState => ({ applied: 0, byType: {} });
function tally(state: TallyState, event: StepEvent): TallyState {
  return { applied: state.applied + 1, byType: { ...state.byType, [event.type]: (state.byType[event.type] ?? 0) + 1 } };
}

/** Writes `count` chained event entries through the log's own encoder, without fsync per line. */
async function buildLog(file: string, count: number): Promise<void> {
  const handle = await open(file, 'w');
  let head = EMPTY_LOG;
  const time = new Date(clock.now()).toISOString();
  for (let done = 0; done < count; ) {
    const lines: string[] = [];
    for (const end = Math.min(count, done + BUILD_BATCH); done < end; done++) {
      const { entry, line } = encodeLogEntry({ kind: 'event', body: stepEventFor(done) }, head, time);
      head = entry;
      lines.push(line);
    }
    await handle.write(lines.join(''));
  }
  await handle.sync();
  await handle.close();
}

function openBenchRepository(dir: string) {
  // No snapshots during the bench: every append is one event, one write, one fsync.
  return openRepository({ dir, initial: emptyTally(), apply: tally, eventSchema: StepEvent, stateSchema: TallyState, clock, snapshotEvery: Number.MAX_SAFE_INTEGER });
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]!;
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const loadAverage = () => Math.round(os.loadavg()[0]! * 100) / 100;

const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-log-bench-'));
try {
  await buildLog(path.join(dir, LOG_FILE), EVENTS);

  const replayMs: number[] = [];
  // CPU time beside wall time: on a shared machine the wall time says as much about the neighbours.
  const replayCpuMs: number[] = [];
  let folded = 0;
  for (let i = 0; i < REPLAYS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const repo = await openBenchRepository(dir);
    replayMs.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    replayCpuMs.push((used.user + used.system) / 1000);
    folded = repo.state.applied;
    if (repo.findings.length > 0) throw new Error(`bench log has findings: ${repo.findings[0]!.message}`);
  }
  if (folded !== EVENTS) throw new Error(`replay folded ${folded} events, not ${EVENTS}`);
  console.log(JSON.stringify({ bench: 'log.replay_ms', value: round3(quantile(replayMs, 0.5)), unit: 'ms', cpu_ms: round3(quantile(replayCpuMs, 0.5)), events: EVENTS, runs: replayMs.map(round3), loadAverage: loadAverage() }));

  const repo = await openBenchRepository(dir);
  for (let i = 0; i < WARMUP; i++) await repo.append([stepEventFor(i)]);
  const appendMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    await repo.append([stepEventFor(round)]);
    appendMs.push(performance.now() - started);
  }
  if (repo.head.seq !== EVENTS + WARMUP + ROUNDS) throw new Error(`the log head is seq ${repo.head.seq}, expected ${EVENTS + WARMUP + ROUNDS}`);
  await repo.close();
  await unlink(path.join(dir, SNAPSHOT_FILE)).catch(() => undefined);
  console.log(
    JSON.stringify({ bench: 'log.append_p95_ms', value: round3(quantile(appendMs, 0.95)), unit: 'ms', median_ms: round3(quantile(appendMs, 0.5)), eventsInLog: EVENTS, rounds: ROUNDS, loadAverage: loadAverage() }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
