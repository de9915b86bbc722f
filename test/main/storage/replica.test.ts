// Issue 15: with a shared store, the data folder's log is the replica of the team's chain. Events the store
// accepted are `shared` entries that say where they stand in the table; they fold like local events, each
// seq once, and a reopened log knows the last one it holds, so a desk catches up from there.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { decodeLogLine, sharedRefOf } from '../../../main/storage/log-entry';
import { LOG_FILE, openRepository, type OpenedRepository, type ReplicatedEvent } from '../../../main/storage/repository';
import { applyStepEvent, emptyStepState, StepEvent, stepEventFor, StepState } from './fixtures/step-log';

const clock = simulatedClock(Date.UTC(2025, 5, 13, 9, 55));
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rc-replica-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<OpenedRepository<StepState, StepEvent>> {
  return openRepository({ dir, initial: emptyStepState(), apply: applyStepEvent, eventSchema: StepEvent, stateSchema: StepState, clock });
}

/** Shared seq `seq` carrying step event `i`; the hashes only need to be distinct here (the table's own are checked in main/team). */
function shared(seq: number, i = seq): ReplicatedEvent<StepEvent> {
  const hash = (n: number) => n.toString(16).padStart(64, '0');
  return { ref: { seq, id: `event-${seq}`, prevHash: hash(seq - 1), hash: hash(seq), time: '2025-06-13T09:55:00.000Z' }, event: stepEventFor(i) };
}

function expected(indices: number[]): StepState {
  return indices.reduce((state, i) => applyStepEvent(state, stepEventFor(i)), emptyStepState());
}

describe('the local log as a replica of the shared chain', () => {
  it('folds shared events with local ones in file order and adds each seq once, even when a catch-up overlaps', async () => {
    const repo = await open();
    await repo.appendReplicated([shared(1), shared(2)]);
    await repo.append([stepEventFor(10)]);
    await repo.appendReplicated([shared(2), shared(3)]);
    expect(repo.replicatedHead.seq).toBe(3);
    expect(repo.state).toEqual(expected([1, 2, 10, 3]));
    await repo.close();

    const lines = (await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n').filter(Boolean);
    const refs = lines.map((line) => decodeLogLine(line)).flatMap((decoded) => ('entry' in decoded && sharedRefOf(decoded.entry) ? [sharedRefOf(decoded.entry)!.seq] : []));
    expect(refs).toEqual([1, 2, 3]);
  });

  it('reopened, it knows the last shared seq it holds and the same state, with no finding', async () => {
    const first = await open();
    await first.appendReplicated([shared(1), shared(2)]);
    await first.append([stepEventFor(7)]);
    const state = first.state;
    await first.close();

    const reopened = await open();
    expect(reopened.findings).toEqual([]);
    expect(reopened.replicatedHead).toEqual({ seq: 2, hash: shared(2).ref.hash });
    expect(reopened.state).toEqual(state);
    await reopened.appendReplicated([shared(1), shared(2), shared(3)]);
    expect(reopened.state).toEqual(expected([1, 2, 7, 3]));
    await reopened.close();
  });
});
