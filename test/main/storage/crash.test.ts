// issue 6 / issue 8 "Faults": SIGKILL at random points during 500 state writes and audit appends. After
// every kill: the state file parses and equals a committed state (the last acknowledged or the one being
// written), every acknowledged audit entry is present, and the hash chain verifies.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAuditLine } from '../../../main/storage/audit-entry';
import { verifyAuditLog } from '../../../main/storage/audit-verify';
import { readFileLines } from '../../../main/storage/line-reader';
import { crashStateFor, crashStateSchema } from './fixtures/crash-state';
import { seededRandom } from '../../seeded-random';
import { bundleChild, type ChildBundle } from '../../child-bundle';

const WRITES = 500;
const KILLS = 20;

let child: ChildBundle | null = null;
let childScript = '';

beforeAll(async () => {
  child = await bundleChild(path.join(__dirname, 'fixtures', 'crash-child.ts'));
  childScript = child.script;
});

afterAll(async () => {
  await child?.remove();
});

interface Acks {
  lastState: number;
  audit: Map<number, string>;
}

interface RunResult {
  done: boolean;
  killed: boolean;
  stderr: string;
}

/** Runs the child until it finishes or, once `killAtState` is acknowledged and a random delay passes, SIGKILLs it. */
async function runChild(dir: string, acks: Acks, killAtState: number | null, delayMs: number): Promise<RunResult> {
  const child = spawn(process.execPath, [childScript, dir, String(WRITES)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let done = false;
  let killed = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const lines = readline.createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const [what, a, b] = line.split(' ');
    if (what === 'audit') acks.audit.set(Number(a), b!);
    if (what === 'done') done = true;
    if (what === 'state') {
      acks.lastState = Number(a);
      if (killAtState !== null && acks.lastState >= killAtState && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    }
  });
  await exited;
  return { done, killed, stderr };
}

async function checkInvariants(dir: string, acks: Acks, context: string): Promise<void> {
  const raw = await readFile(path.join(dir, 'state.json'), 'utf8');
  const state = crashStateSchema.parse(JSON.parse(raw));
  // The last acknowledged state, or the one being written when the kill came; nothing else, nothing mixed.
  expect([acks.lastState, acks.lastState + 1], context).toContain(state.counter);
  expect(state, context).toEqual(crashStateFor(state.counter));

  const verification = await verifyAuditLog(path.join(dir, 'audit.jsonl'));
  expect(verification.break, context).toBeNull();
  const stored = new Map<number, string>();
  for await (const { bytes } of readFileLines(path.join(dir, 'audit.jsonl'))) {
    const decoded = decodeAuditLine(bytes.toString('utf8'));
    if ('entry' in decoded) stored.set(decoded.entry.seq, decoded.entry.hash);
  }
  for (const [seq, hash] of acks.audit) expect(stored.get(seq), `${context}: acknowledged audit seq ${seq}`).toBe(hash);
}

describe('a process killed during state writes and audit appends', () => {
  it(`keeps a committed state and every acknowledged audit entry through ${KILLS} SIGKILLs in ${WRITES} writes`, async () => {
    const seed = Number(process.env['CRASH_SEED'] ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-crash-'));
    const killPoints = new Set<number>();
    while (killPoints.size < KILLS) killPoints.add(1 + Math.floor(random() * (WRITES - 1)));
    const schedule = [...killPoints].sort((a, b) => a - b);
    const acks: Acks = { lastState: 0, audit: new Map() };
    let kills = 0;
    try {
      for (const point of [...schedule, null]) {
        // Up to 3 ms after the ack lands mid-way through the next append or write (each takes about 1 ms).
        const result = await runChild(dir, acks, point, Math.floor(random() * 4));
        const context = `seed ${seed}, kill ${kills + 1} after state ${acks.lastState}`;
        expect(result.stderr, context).toBe('');
        if (result.killed && !result.done) kills++;
        await checkInvariants(dir, acks, context);
        if (result.done) break;
      }
      expect(acks.lastState).toBe(WRITES);
      expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(KILLS - 2);
      const final = await verifyAuditLog(path.join(dir, 'audit.jsonl'));
      expect(final.ok).toBe(true);
      expect(final.head.seq).toBeGreaterThanOrEqual(WRITES);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
