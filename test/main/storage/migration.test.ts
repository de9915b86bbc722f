// issue 14, point 2 "Existing data": the first start on today's files (state.json + audit.jsonl) writes a
// genesis event carrying the old state and the old audit log's head; the old log stays as it was and
// still verifies, and later starts do not migrate again.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { AuditLog } from '../../../main/storage/audit-log';
import { verifyAuditLog } from '../../../main/storage/audit-verify';
import { openReleaseRepository } from '../../../main/release/repository';
import { decodeLogLine } from '../../../main/storage/log-entry';
import { LOG_FILE } from '../../../main/storage/repository';
import { initialState } from '../../../shared/engine/fold';
import { emptyReleaseRecord, type ConsoleStateFile } from '../../../shared/engine/state';

const clock = simulatedClock(Date.UTC(2025, 5, 13, 9, 55));
let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rc-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Today's files as a morning of the demo rollout leaves them. */
async function writeTodaysFiles(): Promise<{ state: ConsoleStateFile; audit: Buffer; stateBytes: Buffer }> {
  const record = emptyReleaseRecord();
  record.steps['lon:deploy'] = { status: 'done', at: Date.UTC(2025, 5, 13, 10, 5), by: 'Sam Okafor', role: 'PE' };
  record.approvals['gate-1'] = [{ name: 'Priya Shah', role: 'release manager', at: Date.UTC(2025, 5, 13, 9, 0) }];
  // Today's files keep maintenance per release; the genesis lifts it into the world, once per workspace.
  record.maintenance = { LON: true };
  const state: ConsoleStateFile = { version: 1, operator: { name: 'Sam Okafor', role: 'PE' }, selectedRelease: '2025-06-13-product', releases: { '2025-06-13-product': record }, world: { maintenance: {}, deployed: {} }, rehearsalClock: null, leases: {} };
  await writeFile(path.join(dir, 'state.json'), JSON.stringify(state, undefined, '\t'));
  const audit = new AuditLog({ file: path.join(dir, 'audit.jsonl'), clock });
  await audit.append({ actor: 'Priya Shah', role: 'release manager', kind: 'approval', release: '2025-06-13-product', step: 'gate-1' });
  await audit.append({ actor: 'Sam Okafor', role: 'PE', kind: 'tick', release: '2025-06-13-product', region: 'LON', step: 'deploy' });
  await audit.append({ actor: 'Sam Okafor', role: 'PE', kind: 'session', data: { started: true } });
  await audit.close();
  return { state, audit: await readFile(path.join(dir, 'audit.jsonl')), stateBytes: await readFile(path.join(dir, 'state.json')) };
}

describe('the first start on data in today\'s format', () => {
  it('writes a genesis event with the old state and the old audit head, and leaves the old files as they were', async () => {
    const today = await writeTodaysFiles();
    const oldHead = (await verifyAuditLog(path.join(dir, 'audit.jsonl'))).head;
    const repo = await openReleaseRepository(dir, clock);
    expect(repo.findings).toEqual([]);
    expect(repo.state).toEqual(initialState(today.state));
    expect(repo.state.world.maintenance).toEqual({ LON: true });

    const first = decodeLogLine((await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n')[0]!);
    if (!('entry' in first)) throw new Error(first.message);
    expect(first.entry).toMatchObject({ seq: 1, kind: 'genesis' });
    expect(first.entry.body).toMatchObject({
      state: initialState(today.state),
      origin: { auditLog: { name: 'audit.jsonl', head: { seq: 3, hash: oldHead.hash }, entries: 3, verified: true, break: null }, stateFile: { name: 'state.json', bytes: today.stateBytes.length } },
    });
    await repo.append([{ type: 'consoleStarted', actor: { name: 'release-console', role: 'system' }, workspace: 'demo', rehearsal: false, at: clock.now() }]);
    await repo.close();

    expect((await readFile(path.join(dir, 'audit.jsonl'))).equals(today.audit)).toBe(true);
    expect((await readFile(path.join(dir, 'state.json'))).equals(today.stateBytes)).toBe(true);
    expect(await verifyAuditLog(path.join(dir, 'audit.jsonl'))).toMatchObject({ ok: true, entries: 3, head: oldHead });

    const again = await openReleaseRepository(dir, clock);
    expect(again.findings).toEqual([]);
    expect(again.state).toEqual(initialState(today.state));
    const genesisEntries = (await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n').filter((l) => l.includes('"kind":"genesis"'));
    expect(genesisEntries).toHaveLength(1);
  });

  it('records a broken old audit log in the genesis event instead of refusing to start', async () => {
    await writeTodaysFiles();
    const auditFile = path.join(dir, 'audit.jsonl');
    const lines = (await readFile(auditFile, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('"LON"', '"EUW2"');
    await writeFile(auditFile, lines.join('\n'));
    const repo = await openReleaseRepository(dir, clock);
    const first = decodeLogLine((await readFile(path.join(dir, LOG_FILE), 'utf8')).split('\n')[0]!);
    expect('entry' in first && first.entry.body).toMatchObject({ origin: { auditLog: { verified: false, break: expect.stringMatching(/^line 2: /) } } });
    expect(repo.state.world.maintenance['LON']).toBe(true);
  });

  it('starts an empty log with no genesis on a fresh install', async () => {
    const repo = await openReleaseRepository(dir, clock);
    expect(repo.head.seq).toBe(0);
    expect(repo.state.releases).toEqual({});
  });
});
