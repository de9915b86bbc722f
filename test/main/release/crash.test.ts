// Issue 14, log first: SIGKILL at random points while intents of several kinds go through the real loop
// (decide → append to the fsynced release log → fold → snapshot). After every kill: every change visible
// in the snapshot or the replayed state has its event in the log, every answered intent is in the log, and
// the chain verifies with nothing found.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleStateFile } from '../../../shared/engine/state';
import { simulatedClock } from '../../../shared/clock';
import { openReleaseRepository } from '../../../main/release/repository';
import { LOG_FILE, SNAPSHOT_FILE } from '../../../main/storage/repository';
import { seededRandom } from '../../seeded-random';
import { foldLog } from '../../release-log';
import { bundleChild, type ChildBundle } from '../../child-bundle';

const INTENTS = 500;
const KILLS = 12;
const root = path.resolve(__dirname, '..', '..', '..');
const R = '2026-03-product-rollout';
let child: ChildBundle | null = null;
let childScript = '';

beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'fixtures', 'loop-child.ts'));
  childScript = child.script;
});

afterAll(async () => {
  await child?.remove();
});

async function runChild(dir: string, start: number, acked: Set<number>, killAfter: number | null, delayMs: number): Promise<{ done: boolean; stderr: string }> {
  const child = spawn(process.execPath, [childScript, dir, path.join(root, 'workspaces', 'demo'), String(start), String(INTENTS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let done = false;
  let killing = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const [what, n] = line.split(' ');
    if (what === 'done') done = true;
    if (what !== 'ack') return;
    acked.add(Number(n));
    if (killAfter !== null && Number(n) >= killAfter && !killing) {
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  await exited;
  return { done, stderr };
}

/** Every marker `m<i>` the log's events carry: in a tick's note, an export's name, an operator's name, a refusal's reasons. */
async function loggedMarkers(dir: string): Promise<Set<string>> {
  const text = await readFile(path.join(dir, LOG_FILE), 'utf8');
  const markers = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    for (const match of line.matchAll(/\bm(\d+)\b/g)) markers.add(`m${match[1]}`);
  }
  return markers;
}

describe('the loop killed at random points', () => {
  it(`never shows a change without its event, and loses no answered intent, through ${KILLS} SIGKILLs in ${INTENTS} intents`, async () => {
    const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-loop-crash-'));
    const points = new Set<number>();
    while (points.size < KILLS) points.add(1 + Math.floor(random() * (INTENTS - 1)));
    const acked = new Set<number>();
    try {
      for (const point of [...[...points].sort((a, b) => a - b), null]) {
        const start = acked.size ? Math.max(...acked) + 1 : 1;
        const result = await runChild(dir, start, acked, point, Math.floor(random() * 6));
        const context = `seed ${seed}, killed after intent ${point}`;
        expect(result.stderr, context).toBe('');
        const logged = await loggedMarkers(dir);
        // Every answered intent is in the log.
        for (const i of acked) expect(logged.has(`m${i}`), `${context}: intent ${i} was answered`).toBe(true);
        // Every change the snapshot shows has its event in the log: the QA notes and the operator it holds.
        const snapshotFile = path.join(dir, SNAPSHOT_FILE);
        const snapshotFileContent = existsSync(snapshotFile) ? (JSON.parse(await readFile(snapshotFile, 'utf8')) as { state: unknown; head: { seq: number } }) : null;
        const snapshot = snapshotFileContent ? ConsoleStateFile.parse(snapshotFileContent.state) : null;
        // No snapshot is ahead of the log: the entry it says it includes is in the log.
        const lastSeq = Math.max(0, ...(await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n').flatMap((line) => {
          try {
            return [(JSON.parse(line) as { seq: number }).seq];
          } catch {
            return [];
          }
        }));
        if (snapshotFileContent) expect(snapshotFileContent.head.seq, `${context}: the snapshot's head`).toBeLessThanOrEqual(lastSeq);
        const reopened = await openReleaseRepository(dir, simulatedClock(Date.parse('2026-03-19T10:55:00Z')));
        // The chain verifies and nothing was found: a crash is never mistaken for tampering.
        expect(reopened.findings, context).toEqual([]);
        for (const state of [snapshot, reopened.state]) {
          if (!state) continue;
          const visible = [...Object.values(state.releases[R]?.qa ?? {}).map((tick) => tick.note ?? ''), state.operator?.name ?? ''].filter((m) => m.startsWith('m'));
          for (const marker of visible) expect(logged.has(marker), `${context}: the state shows ${marker}`).toBe(true);
        }
        // The snapshot plus the replayed tail equals a full replay of the log.
        expect(reopened.state, context).toEqual(foldLog(dir));
        await reopened.close();
        if (result.done) break;
      }
      expect(Math.max(...acked)).toBe(INTENTS);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
