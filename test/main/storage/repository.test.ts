// issue 14, points 2 and 3: the log is the truth. State is the fold of the log; the snapshot is checked
// against it; every kind of tampering found at start is named (which line, how many entries missing),
// the repository stays read-only until someone acknowledges, and the acknowledgement starts a new segment.
import { appendFile, mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { sha256Hex } from '../../../main/storage/audit-entry';
import { decodeLogLine, encodeLogEntry, type LogEntry } from '../../../main/storage/log-entry';
import { LOG_FILE, openRepository, ReadOnlyRepositoryError, SNAPSHOT_FILE, type OpenedRepository } from '../../../main/storage/repository';
import { applyStepEvent, emptyStepState, StepEvent, stepEventFor, StepState } from './fixtures/step-log';

const clock = simulatedClock(Date.UTC(2025, 5, 13, 9, 55));
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rc-repo-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(snapshotEvery?: number): Promise<OpenedRepository<StepState, StepEvent>> {
  return openRepository({ dir, initial: emptyStepState(), apply: applyStepEvent, eventSchema: StepEvent, stateSchema: StepState, clock, snapshotEvery });
}

function replay(count: number): StepState {
  let state = emptyStepState();
  for (let i = 0; i < count; i++) state = applyStepEvent(state, stepEventFor(i));
  return state;
}

async function logLines(): Promise<string[]> {
  return (await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n').filter(Boolean);
}

function entryOf(line: string): LogEntry {
  const decoded = decodeLogLine(line);
  if (!('entry' in decoded)) throw new Error(decoded.message);
  return decoded.entry;
}

/** A log of `count` events appended one at a time, closed (so a snapshot is written at the end). */
async function writeEvents(count: number, snapshotEvery?: number): Promise<void> {
  const repo = await open(snapshotEvery);
  for (let i = 0; i < count; i++) await repo.append([stepEventFor(i)]);
  await repo.close();
}

/** Rewrites the log from line `from` (1-based) on with valid hashes: what someone covering an edit would do. */
function rehashFrom(lines: string[], from: number): string[] {
  const out = lines.slice(0, from - 1);
  let head = from > 1 ? entryOf(out[from - 2]!) : { seq: 0, hash: '0'.repeat(64) };
  for (const line of lines.slice(from - 1)) {
    const entry = JSON.parse(line) as LogEntry;
    const { entry: next, line: text } = encodeLogEntry({ kind: entry.kind, body: entry.body }, head, entry.time);
    out.push(text.trimEnd());
    head = next;
  }
  return out;
}

describe('openRepository: the state is the fold of the log', () => {
  it('folds every appended event, chains them, and reopens to the same state from snapshot plus tail', async () => {
    const repo = await open(7);
    for (let i = 0; i < 20; i++) await repo.append([stepEventFor(i)]);
    expect(repo.state).toEqual(replay(20));
    expect(repo.readOnly).toBeNull();
    const head = repo.head;
    // No close: the snapshot on disk is behind the log, and reopening replays the tail after it.
    const snapshot = JSON.parse(await readFile(path.join(dir, SNAPSHOT_FILE), 'utf8')) as { head: { seq: number } };
    expect(snapshot.head.seq).toBeLessThan(head.seq);
    const again = await open(7);
    expect(again.findings).toEqual([]);
    expect(again.state).toEqual(replay(20));
    expect(again.head).toEqual(head);
    const entries = (await logLines()).map(entryOf);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
  });

  it('writes one batch as one fsynced append and refuses an event that is not valid, naming it', async () => {
    const repo = await open();
    await repo.append([stepEventFor(0), stepEventFor(1), stepEventFor(2)]);
    expect(repo.head.seq).toBe(3);
    await expect(repo.append([stepEventFor(3), { type: 'stepDone', step: 'x' } as unknown as StepEvent])).rejects.toThrow(/event 1 is not a valid event: by/);
    expect(repo.head.seq).toBe(3);
    expect(repo.state).toEqual(replay(3));
  });

  it('recovers a torn last line after the head and records it in a recovery entry, with no finding', async () => {
    await writeEvents(5);
    await appendFile(path.join(dir, LOG_FILE), '{"seq":99,"time":"2025-06-13T09:55:00.000Z","prevH');
    const repo = await open();
    expect(repo.findings).toEqual([]);
    expect(repo.readOnly).toBeNull();
    await repo.append([stepEventFor(5)]);
    const entries = (await logLines()).flatMap((l) => {
      const d = decodeLogLine(l);
      return 'entry' in d ? [d.entry] : [];
    });
    const recovery = entries.find((e) => e.kind === 'recovery');
    expect(recovery?.body).toMatchObject({ torn: [{ bytes: 50 }] });
    await repo.close();
    const again = await open();
    expect(again.findings).toEqual([]);
    expect(again.state).toEqual(replay(6));
  });
});

describe('openRepository: tampering found at start', () => {
  it('names the line of an entry changed at or before the head, keeps it out of the state and refuses appends', async () => {
    await writeEvents(10);
    const lines = await logLines();
    lines[4] = lines[4]!.replace('"by":"Sam Okafor"', '"by":"Mallory"');
    await writeFile(path.join(dir, LOG_FILE), lines.join('\n') + '\n');
    const repo = await open();
    expect(repo.findings.map((f) => [f.kind, f.line])).toEqual([['log-changed', 5]]);
    expect(repo.findings[0]!.message).toMatch(/^The release log was changed at line 5 \(seq 5\): its content no longer matches its hash [0-9a-f]{12}\.$/);
    expect(repo.readOnly?.reason).toContain('line 5');
    await expect(repo.append([stepEventFor(10)])).rejects.toThrow(ReadOnlyRepositoryError);
    // The snapshot agrees with the log's head, so nobody's edit reaches the state.
    expect(repo.state.steps['step-4']?.by).toBe('Sam Okafor');
  });

  it('finds an entry changed and every later entry re-hashed, from the snapshot head', async () => {
    await writeEvents(10);
    const lines = await logLines();
    lines[4] = lines[4]!.replace('"by":"Sam Okafor"', '"by":"Mallory"');
    const total = lines.length;
    await writeFile(path.join(dir, LOG_FILE), rehashFrom(lines, 5).join('\n') + '\n');
    const repo = await open();
    expect(repo.findings).toHaveLength(1);
    expect(repo.findings[0]).toMatchObject({ kind: 'log-rewritten', line: total });
    expect(repo.findings[0]!.message).toMatch(new RegExp(`^The release log was rewritten at or before line ${total} \\(seq ${total}\\): the entry at line ${total} \\(seq ${total}\\) now hashes to [0-9a-f]{12}, but the snapshot recorded [0-9a-f]{12}\\. An entry was changed and the entries after it re-hashed\\.$`));
    expect(repo.readOnly).not.toBeNull();
    // Rebuilt from the log as it now reads: the snapshot, which disagrees with it, is not used.
    expect(repo.state.steps['step-4']?.by).toBe('Mallory');
  });

  it('narrows a rewrite down to the span between the earlier snapshot heads around it', async () => {
    // A snapshot every 5 events: checkpoints land on lines 6, 12, 18, 24 and 30, then one more at close.
    await writeEvents(26, 5);
    const lines = await logLines();
    const checkpoints = lines.map((l, i) => (l.includes('"kind":"checkpoint"') ? i + 1 : 0)).filter(Boolean);
    expect(checkpoints).toEqual([6, 12, 18, 24, 30, 32]);
    lines[13] = lines[13]!.replace('"time":"2', '"time":"1');
    await writeFile(path.join(dir, LOG_FILE), rehashFrom(lines, 14).join('\n') + '\n');
    const repo = await open(5);
    expect(repo.findings).toHaveLength(1);
    expect(repo.findings[0]!.message).toMatch(/^The release log was rewritten between line 13 and line 18 \(seq 13 to 18\): the entry at line 32 \(seq 32\) now hashes to/);
  });

  it('says how many entries are missing when the log is shorter than the snapshot head', async () => {
    await writeEvents(10);
    const lines = await logLines();
    await writeFile(path.join(dir, LOG_FILE), lines.slice(0, 7).join('\n') + '\n');
    const repo = await open();
    const missing = lines.length - 7;
    expect(repo.findings).toEqual([
      {
        kind: 'log-short',
        line: 7,
        missing,
        message: `${missing} entries are missing after line 7 (seq 7): the snapshot includes up to seq ${lines.length}. The snapshot is ahead of the log and was not used.`,
      },
    ]);
    expect(repo.state).toEqual(replay(7));
  });

  it('reports a log cut mid-line below the head as missing entries, not as a torn tail', async () => {
    await writeEvents(6);
    const file = path.join(dir, LOG_FILE);
    const lines = await logLines();
    await truncate(file, Buffer.byteLength(lines.slice(0, 4).join('\n')) + 1 + 20);
    const repo = await open();
    expect(repo.findings.map((f) => [f.kind, f.missing])).toEqual([['log-short', lines.length - 4]]);
  });

  it('reports a deleted log while the snapshot remains', async () => {
    await writeEvents(10);
    const seq = (await logLines()).length;
    await unlink(path.join(dir, LOG_FILE));
    const repo = await open();
    expect(repo.findings).toHaveLength(1);
    expect(repo.findings[0]).toMatchObject({ kind: 'log-missing', missing: seq });
    expect(repo.findings[0]!.message).toMatch(new RegExp(`^The release log \\(release-log\\.jsonl\\) is missing: the snapshot says it held ${seq} entries up to hash [0-9a-f]{12}\\.$`));
    expect(repo.state).toEqual(emptyStepState());
  });

  it('reports a log replaced with NUL bytes while the snapshot remains', async () => {
    await writeEvents(10);
    const seq = (await logLines()).length;
    await writeFile(path.join(dir, LOG_FILE), Buffer.alloc(4096));
    const repo = await open();
    expect(repo.findings.map((f) => f.message)).toEqual([expect.stringMatching(new RegExp(`^The release log \\(release-log\\.jsonl\\) was replaced: its 4096 bytes are all NUL; the snapshot says it held ${seq} entries`))]);
  });

  it('reports a snapshot whose content does not match its own hash, and rebuilds from the log', async () => {
    await writeEvents(10);
    const file = path.join(dir, SNAPSHOT_FILE);
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { state: StepState };
    snapshot.state.steps['step-0'] = { status: 'done', by: 'Nobody Who Exists' };
    await writeFile(file, JSON.stringify(snapshot));
    const repo = await open();
    expect(repo.findings.map((f) => f.kind)).toEqual(['snapshot-changed']);
    expect(repo.findings[0]!.message).toMatch(/^The snapshot \(snapshot\.json\) cannot be trusted: its content does not match its hash: the state hashes to [0-9a-f]{12}, the snapshot says [0-9a-f]{12}\. The state was rebuilt from the release log\.$/);
    expect(repo.state).toEqual(replay(10));
  });

  it('reports a snapshot edited with its hash recomputed, because the log checkpoint disagrees', async () => {
    await writeEvents(10);
    const file = path.join(dir, SNAPSHOT_FILE);
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { state: StepState; stateHash: string; head: { seq: number } };
    snapshot.state.steps['step-0'] = { status: 'done', by: 'Nobody Who Exists' };
    const { hashState } = await import('../../../main/storage/snapshot-file');
    snapshot.stateHash = hashState(snapshot.state);
    await writeFile(file, JSON.stringify(snapshot));
    const repo = await open();
    expect(repo.findings).toHaveLength(1);
    expect(repo.findings[0]).toMatchObject({ kind: 'snapshot-disagrees', line: snapshot.head.seq });
    expect(repo.findings[0]!.message).toContain(`the checkpoint at line ${snapshot.head.seq} recorded`);
    expect(repo.state.steps['step-0']?.by).toBe('Sam Okafor');
  });

  it('names a removed entry in the middle by the gap it leaves', async () => {
    await writeEvents(10);
    const lines = await logLines();
    lines.splice(4, 2);
    await writeFile(path.join(dir, LOG_FILE), lines.join('\n') + '\n');
    const repo = await open();
    expect(repo.findings[0]).toEqual({ kind: 'log-gap', line: 5, missing: 2, message: '2 entries are missing before line 5: it holds seq 7, the line before it seq 4.' });
  });
});

describe('acknowledging what was found', () => {
  it('appends the first entry of a new segment recording the old head and the findings, and clears read-only', async () => {
    await writeEvents(10);
    const before = await logLines();
    const snapshotHead = entryOf(before.at(-1)!);
    await writeFile(path.join(dir, LOG_FILE), before.slice(0, 6).join('\n') + '\n');
    const repo = await open();
    expect(repo.readOnly).not.toBeNull();
    const findings = repo.findings.map((f) => ({ ...f }));
    await repo.acknowledge({ name: 'Priya Shah', role: 'release manager' });
    expect(repo.readOnly).toBeNull();
    expect(repo.findings).toEqual([]);

    const after = (await logLines()).map(entryOf);
    const ack = after[6]!;
    expect(ack).toMatchObject({ seq: 7, kind: 'acknowledgement', prevHash: entryOf(before[5]!).hash });
    expect(ack.body).toMatchObject({
      acknowledgedBy: { name: 'Priya Shah', role: 'release manager' },
      snapshotHead: { seq: snapshotHead.seq, hash: snapshotHead.hash },
      logHead: { seq: 6 },
      findings,
      priorBytes: Buffer.byteLength(before.slice(0, 6).join('\n') + '\n'),
      priorSha256: sha256Hex(before.slice(0, 6).join('\n') + '\n'),
    });
    await repo.append([stepEventFor(100)]);
    await repo.close();

    const again = await open();
    expect(again.findings).toEqual([]);
    expect(again.readOnly).toBeNull();
    expect(again.state.steps['step-100']?.status).toBe('done');
  });

  it('settles a changed entry once acknowledged, and finds a change made after the acknowledgement', async () => {
    await writeEvents(10);
    const lines = await logLines();
    lines[2] = lines[2]!.replace('"approver":"approver-2"', '"approver":"approver-9"');
    await writeFile(path.join(dir, LOG_FILE), lines.join('\n') + '\n');
    const repo = await open();
    expect(repo.findings.map((f) => f.line)).toEqual([3]);
    await repo.acknowledge({ name: 'Priya Shah', role: 'release manager' });
    await repo.close();
    expect((await open()).findings).toEqual([]);

    const now = await logLines();
    now[0] = now[0]!.replace('"by":"Sam Okafor"', '"by":"Mallory"');
    await writeFile(path.join(dir, LOG_FILE), now.join('\n') + '\n');
    const later = await open();
    // The acknowledgement no longer vouches for what is before it, so what it settled is open again too.
    expect(later.findings.map((f) => [f.kind, f.line])).toEqual([
      ['log-changed', 1],
      ['log-changed', 3],
      ['log-acknowledged-part-changed', lines.length + 1],
    ]);
  });

  it('starts a new log after a deleted one is acknowledged', async () => {
    await writeEvents(10);
    await unlink(path.join(dir, LOG_FILE));
    const repo = await open();
    await repo.acknowledge({ name: 'Sam Okafor', role: 'PE' });
    await repo.append([stepEventFor(0)]);
    await repo.close();
    const again = await open();
    expect(again.findings).toEqual([]);
    expect(again.state).toEqual(replay(1));
    expect(entryOf((await logLines())[0]!)).toMatchObject({ seq: 1, kind: 'acknowledgement', body: { snapshotHead: { seq: 11 } } });
  });
});
