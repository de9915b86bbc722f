// issue 14 "Done when": SIGKILL at random points during 500 appends of every event kind. After every kill:
// the start-up checks find nothing (a crash is not tampering); every change visible in the state has its
// event in the log; every acknowledged append is in the log; no snapshot is ahead of the log; and the
// snapshot plus the replayed tail equals a full replay.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../shared/clock';
import { readFileLines } from '../../../main/storage/line-reader';
import { decodeLogLine, type LogEntry } from '../../../main/storage/log-entry';
import { LOG_FILE, openRepository, SNAPSHOT_FILE } from '../../../main/storage/repository';
import { seededRandom } from '../../seeded-random';
import { applyStepEvent, emptyStepState, StepEvent, StepState } from './fixtures/step-log';
import { batchSize, CRASH_SNAPSHOT_EVERY } from './fixtures/repository-crash-run';
import { bundleChild, type ChildBundle } from '../../child-bundle';

const BATCHES = 500;
const KILLS = 20;

let child: ChildBundle | null = null;
let childScript = '';

beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'fixtures', 'repository-crash-child.ts'));
  childScript = child.script;
});

afterAll(async () => {
  await child?.remove();
});

interface Acks {
  lastBatch: number;
  heads: Map<number, string>;
}

async function runChild(dir: string, acks: Acks, killAfterBatch: number | null, delayMs: number): Promise<{ done: boolean; killed: boolean; stderr: string }> {
  const child = spawn(process.execPath, [childScript, dir, String(BATCHES)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let done = false;
  let killed = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const [what, batch, seq, hash] = line.split(' ');
    if (what === 'done') done = true;
    if (what !== 'ack') return;
    acks.lastBatch = Number(batch);
    acks.heads.set(Number(seq), hash!);
    if (killAfterBatch !== null && acks.lastBatch >= killAfterBatch && !killed) {
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  await exited;
  return { done, killed, stderr };
}

async function storedEntries(dir: string): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  for await (const { bytes } of readFileLines(path.join(dir, LOG_FILE))) {
    const decoded = decodeLogLine(bytes.toString('utf8'));
    if ('entry' in decoded) entries.push(decoded.entry);
  }
  return entries;
}

function foldEvents(start: StepState, entries: readonly LogEntry[]): StepState {
  return entries.filter((e) => e.kind === 'event').reduce((state, e) => applyStepEvent(state, StepEvent.parse(e.body)), start);
}

async function checkInvariants(dir: string, acks: Acks, context: string): Promise<void> {
  const entries = await storedEntries(dir);
  const fullReplay = foldEvents(emptyStepState(), entries);
  const repo = await openRepository({ dir, initial: emptyStepState(), apply: applyStepEvent, eventSchema: StepEvent, stateSchema: StepState, clock: systemClock(), snapshotEvery: CRASH_SNAPSHOT_EVERY });
  expect(repo.findings, context).toEqual([]);
  expect(repo.readOnly, context).toBeNull();
  // Every change the state shows has its event in the log: the state is exactly the fold of the log.
  expect(repo.state, context).toEqual(fullReplay);
  expect(repo.state.applied, context).toBe(entries.filter((e) => e.kind === 'event').length);

  const bySeq = new Map(entries.map((e) => [e.seq, e.hash]));
  for (const [seq, hash] of acks.heads) expect(bySeq.get(seq), `${context}: acknowledged head seq ${seq}`).toBe(hash);

  const snapshot = JSON.parse(await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8').catch(() => 'null')) as { head: { seq: number; hash: string }; state: StepState } | null;
  if (snapshot) {
    expect(snapshot.head.seq, `${context}: snapshot ahead of the log`).toBeLessThanOrEqual(repo.head.seq);
    expect(bySeq.get(snapshot.head.seq), `${context}: the snapshot head is an entry of the log`).toBe(snapshot.head.hash);
    const tail = entries.slice(entries.findIndex((e) => e.seq === snapshot.head.seq) + 1);
    expect(foldEvents(snapshot.state, tail), `${context}: snapshot + tail`).toEqual(fullReplay);
  }
}

describe('a process killed during release log appends and snapshot writes', () => {
  it(`keeps the state the fold of the log and every acknowledged append through ${KILLS} SIGKILLs in ${BATCHES} appends`, async () => {
    const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-repo-crash-'));
    const killPoints = new Set<number>();
    while (killPoints.size < KILLS) killPoints.add(Math.floor(random() * (BATCHES - 1)));
    const acks: Acks = { lastBatch: -1, heads: new Map() };
    let kills = 0;
    try {
      for (const point of [...[...killPoints].sort((a, b) => a - b), null]) {
        // Up to 3 ms after the ack: mid-way through the next append, checkpoint or snapshot write.
        const result = await runChild(dir, acks, point, Math.floor(random() * 4));
        const context = `seed ${seed}, kill ${kills + 1} after batch ${acks.lastBatch}`;
        expect(result.stderr, context).toBe('');
        if (result.killed && !result.done) kills++;
        await checkInvariants(dir, acks, context);
        if (result.done) break;
      }
      expect(acks.lastBatch).toBe(BATCHES - 1);
      expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(KILLS - 2);
      const events = Array.from({ length: BATCHES }, (_, b) => batchSize(b)).reduce((a, b) => a + b, 0);
      const final = await storedEntries(dir);
      expect(final.filter((e) => e.kind === 'event')).toHaveLength(events);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
