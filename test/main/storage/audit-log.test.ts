import { appendFile, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { EMPTY_CHAIN, encodeAuditEntry, GENESIS_HASH, hashAuditEntry, type AuditEntryInput } from '../../../main/storage/audit-entry';
import { AuditLog } from '../../../main/storage/audit-log';
import { AuditTailError } from '../../../main/storage/audit-tail';

const FRIDAY_1055_LONDON = Date.UTC(2025, 5, 13, 9, 55);

let dir = '';
let file = '';
const clock = simulatedClock(FRIDAY_1055_LONDON);

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rc-audit-'));
  file = path.join(dir, 'audit.jsonl');
  clock.set(FRIDAY_1055_LONDON);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function tick(step: string, extra: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return { actor: 'Priya', role: 'QA', kind: 'tick', release: 'product-2025-06-13', region: 'EUW2', step, data: { evidence: `https://jira.example/${step}` }, ...extra };
}

async function lines(): Promise<string[]> {
  return (await readFile(file, 'utf8')).split('\n');
}

async function appendAll(log: AuditLog, count: number, release = 'product-2025-06-13'): Promise<void> {
  for (let i = 0; i < count; i++) await log.append(tick(`step-${i}`, { release }));
}

describe('AuditLog.append', () => {
  it('stores every field with the clock time and a hash chained to the previous entry', async () => {
    const log = new AuditLog({ file, clock });
    const first = await log.append(tick('maintenance-on'));
    clock.advance(60_000);
    const second = await log.append({ actor: 'Sam', role: 'PE', kind: 'command', step: 'deploy', data: { transcript: 'term-3#41' } });
    await log.close();

    expect(first).toMatchObject({ seq: 1, time: '2025-06-13T09:55:00.000Z', actor: 'Priya', role: 'QA', kind: 'tick', region: 'EUW2', prevHash: GENESIS_HASH });
    expect(second).toMatchObject({ seq: 2, time: '2025-06-13T09:56:00.000Z', release: null, region: null, step: 'deploy', prevHash: first.hash });
    expect(first.hash).toBe(hashAuditEntry(first));
    const stored = (await lines()).filter(Boolean).map((l) => JSON.parse(l) as unknown);
    expect(stored).toEqual([first, second]);
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const log = new AuditLog({ file, clock });
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => log.append(tick(`step-${i}`))));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 50, break: null });
  });

  it('continues the chain of an existing log after reopening', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 3);
    await log.close();
    const reopened = new AuditLog({ file, clock });
    expect((await reopened.open()).head.seq).toBe(3);
    const next = await reopened.append(tick('post-checks'));
    expect(next.seq).toBe(4);
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 4 });
  });

  it('never rewrites the file: same inode, earlier bytes unchanged, only growth', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 5);
    const before = await readFile(file);
    const { ino } = await stat(file);
    await log.close();
    const reopened = new AuditLog({ file, clock });
    await appendAll(reopened, 5);
    const after = await readFile(file);
    expect((await stat(file)).ino).toBe(ino);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
  });

  it('refuses data JSON cannot carry, and the chain stays intact', async () => {
    const log = new AuditLog({ file, clock });
    await log.append(tick('a'));
    await expect(log.append(tick('b', { data: { latency: Number.NaN } }))).rejects.toThrow(/NaN/);
    await log.append(tick('c'));
    expect(await log.verify()).toMatchObject({ ok: true, entries: 2 });
  });
});

describe('AuditLog after a crash mid-append', () => {
  it('reports a torn last line, starts the next entry on a fresh line and records the recovery', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 3);
    await log.close();
    const intact = await readFile(file);
    await appendFile(file, '{"actor":"Priya","data":{"evid');

    const torn = await new AuditLog({ file, clock }).verify();
    expect(torn).toMatchObject({ ok: true, entries: 3, break: null });
    expect(torn.tornTail).toEqual([expect.objectContaining({ line: 4, offset: intact.length, bytes: 30 })]);

    const reopened = new AuditLog({ file, clock });
    expect((await reopened.open()).tornTail).toHaveLength(1);
    const next = await reopened.append(tick('after-crash'));
    expect(next.seq).toBe(5);
    const text = await lines();
    expect(text[3]).toBe('{"actor":"Priya","data":{"evid');
    expect(JSON.parse(text[4]!)).toMatchObject({ kind: 'recovery', seq: 4, data: { torn: [{ offset: intact.length, bytes: 30 }] } });
    expect(JSON.parse(text[5]!)).toMatchObject({ seq: 5, step: 'after-crash' });
    expect((await readFile(file)).subarray(0, intact.length).equals(intact)).toBe(true);

    const verified = await reopened.verify();
    expect(verified).toMatchObject({ ok: true, entries: 5, tornTail: [] });
    expect(verified.recovered).toEqual([expect.objectContaining({ line: 4, offset: intact.length })]);
  });

  it('records every fragment when a crash also tore the recovery that followed an earlier tear', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 2);
    await log.close();
    await appendFile(file, '{"actor":"Pri');
    await appendFile(file, '\n{"actor":"release-console","da');
    const reopened = new AuditLog({ file, clock });
    expect((await reopened.open()).tornTail).toHaveLength(2);
    await reopened.append(tick('third-time-lucky'));
    const verified = await reopened.verify();
    expect(verified).toMatchObject({ ok: true, entries: 4 });
    expect(verified.recovered.map((f) => f.line)).toEqual([3, 4]);
  });

  it('treats a NUL-filled tail (blocks allocated, data lost) as torn', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 2);
    await log.close();
    await appendFile(file, Buffer.alloc(300));
    const reopened = new AuditLog({ file, clock });
    await reopened.append(tick('after-power-cut'));
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 4, recovered: [expect.objectContaining({ line: 3, bytes: 300 })] });
  });

  it('keeps a whole last entry that lost only its newline and appends after it', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 2);
    await log.close();
    const size = (await stat(file)).size;
    await truncate(file, size - 1);
    const reopened = new AuditLog({ file, clock });
    expect((await reopened.append(tick('next'))).seq).toBe(3);
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 3, recovered: [] });
  });

  it('refuses to append after a last entry that parses but was altered', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 2);
    await log.close();
    const text = await lines();
    text[1] = text[1]!.replace('"actor":"Priya"', '"actor":"Mallory"');
    await writeFile(file, text.join('\n'));
    await expect(new AuditLog({ file, clock }).append(tick('x'))).rejects.toBeInstanceOf(AuditTailError);
  });
});

describe('AuditLog.verify', () => {
  async function tamper(edit: (text: string[]) => void): Promise<void> {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 6);
    await log.close();
    const text = await lines();
    edit(text);
    await writeFile(file, text.join('\n'));
  }

  it('names the line of an entry whose content was changed (hash mismatch)', async () => {
    await tamper((text) => (text[3] = text[3]!.replace('"actor":"Priya"', '"actor":"Mallory"')));
    const result = await new AuditLog({ file, clock }).verify();
    expect(result).toMatchObject({ ok: false, entries: 3, break: { line: 4, problem: 'hash-mismatch' } });
    expect(result.break?.message).toMatch(/seq 4/);
  });

  it('names the next line when an entry was changed and re-hashed (prevHash mismatch)', async () => {
    await tamper((text) => {
      const entry = JSON.parse(text[2]!) as Record<string, unknown>;
      entry['actor'] = 'Mallory';
      entry['hash'] = hashAuditEntry(entry as never);
      text[2] = JSON.stringify(entry);
    });
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: false, break: { line: 4, problem: 'prev-hash-mismatch' } });
  });

  it('names the line after a deleted entry (seq gap)', async () => {
    await tamper((text) => text.splice(2, 1));
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: false, entries: 2, break: { line: 3, problem: 'seq-gap' } });
  });

  it('names a line that is not JSON in the middle of the log', async () => {
    await tamper((text) => (text[1] = text[1]!.slice(0, 40)));
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: false, break: { line: 2, problem: 'bad-json' } });
  });

  it('finds a tampered entry deep in a log larger than one read chunk and one tail window', async () => {
    let head = EMPTY_CHAIN;
    const text: string[] = [];
    for (let i = 0; i < 4_000; i++) {
      const { entry, line } = encodeAuditEntry(tick(`step-${i}`, { data: { padding: 'p'.repeat(300) } }), head, 'T');
      head = entry;
      text.push(line);
    }
    text[3_499] = text[3_499]!.replace('"step-3499"', '"step-9999"');
    await writeFile(file, text.join(''));
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: false, entries: 3_499, break: { line: 3_500, problem: 'hash-mismatch' } });
  });

  it('reopens after an entry larger than the first tail read', async () => {
    const log = new AuditLog({ file, clock });
    await log.append(tick('big', { data: { transcriptExcerpt: 'x'.repeat(200_000) } }));
    await log.close();
    const reopened = new AuditLog({ file, clock });
    expect((await reopened.open()).head.seq).toBe(1);
    expect((await reopened.append(tick('next'))).seq).toBe(2);
    expect(await reopened.verify()).toMatchObject({ ok: true, entries: 2 });
  });

  it('names a line that is JSON but not an audit entry', async () => {
    await tamper((text) => (text[4] = '{"seq":5}'));
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: false, break: { line: 5, problem: 'bad-entry' } });
  });

  it('reports an empty or missing log as intact', async () => {
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: true, entries: 0, break: null });
    await writeFile(file, '');
    expect(await new AuditLog({ file, clock }).verify()).toMatchObject({ ok: true, entries: 0, break: null });
  });
});

describe('AuditLog.read', () => {
  it('filters by release and returns the newest entries up to the limit, in seq order', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 4, 'product');
    await appendAll(log, 3, 'cai');
    await appendAll(log, 2, 'product');
    const product = await log.read({ release: 'product' });
    expect(product.map((e) => e.seq)).toEqual([1, 2, 3, 4, 8, 9]);
    expect((await log.read({ release: 'product', limit: 3 })).map((e) => e.seq)).toEqual([4, 8, 9]);
    expect((await log.read({ limit: 2 })).map((e) => e.seq)).toEqual([8, 9]);
  });

  it('pages forward from sinceSeq, oldest first', async () => {
    const log = new AuditLog({ file, clock });
    await appendAll(log, 9);
    expect((await log.read({ sinceSeq: 3, limit: 4 })).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
    expect((await log.read({ sinceSeq: 8 })).map((e) => e.seq)).toEqual([9]);
  });

  it('returns nothing before the first append', async () => {
    expect(await new AuditLog({ file, clock }).read()).toEqual([]);
  });
});
