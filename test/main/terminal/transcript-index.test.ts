import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranscriptId } from '../../../shared/api';
import { TranscriptLog, type TranscriptRecord } from '../../../main/terminal/transcript';
import { TranscriptIndex } from '../../../main/terminal/transcript-index';

function run(overrides: Partial<TranscriptRecord>): TranscriptRecord {
  return {
    commandId: 'maintenance-enable',
    releaseId: '2026-03-product-rollout',
    sessionId: 'term-1',
    regionId: 'S01',
    argv: ['maintenance', 'enable', '--region', 'S01'],
    startedAt: 1_000,
    endedAt: 2_000,
    elapsedMs: 1_000,
    exitCode: 0,
    signal: null,
    interruption: null,
    output: 'Maintenance mode enabled in S01\n',
    outputOmittedChars: 0,
    ...overrides,
  };
}

describe("a region's transcript history", () => {
  it('lists the runs TranscriptLog wrote for the region, newest first across releases, and opens each by id', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-transcripts-'));
    const log = new TranscriptLog(dataDir);
    await log.append(run({ startedAt: 1_000 }));
    await log.append(run({ regionId: 'LON', startedAt: 1_500 }));
    await log.append(run({ commandId: 'deploy', argv: ['deploy', 'apply'], startedAt: 3_000, exitCode: 1, output: 'x'.repeat(40), outputOmittedChars: 7 }));
    await log.append(run({ releaseId: null, commandId: 'rmht-check', startedAt: 2_000 }));

    const index = new TranscriptIndex(dataDir);
    const listed = await index.list('S01');
    expect(listed.map((t) => [t.commandId, t.releaseId, t.exitCode, t.size, t.omittedChars])).toEqual([
      ['deploy', '2026-03-product-rollout', 1, 40, 7],
      ['rmht-check', null, 0, 32, 0],
      ['maintenance-enable', '2026-03-product-rollout', 0, 32, 0],
    ]);
    expect(listed.map((t) => t.id)).toEqual(['2026-03-product-rollout~2', 'no-release~0', '2026-03-product-rollout~0']);
    for (const t of listed) expect(TranscriptId.safeParse(t.id).success).toBe(true);

    const opened = await index.read('2026-03-product-rollout~0');
    expect(opened?.output).toBe('Maintenance mode enabled in S01\n');
    expect(opened?.transcript.argv).toEqual(['maintenance', 'enable', '--region', 'S01']);
    expect(await index.list('EUW2')).toEqual([]);
  });

  it('skips a torn or foreign line but keeps the ids of the lines after it', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-transcripts-'));
    const folder = path.join(dataDir, 'transcripts');
    mkdirSync(folder);
    const file = path.join(folder, 'r1.jsonl');
    writeFileSync(file, `${JSON.stringify(run({ releaseId: 'r1' }))}\n{"commandId":"half a li\n${JSON.stringify({ not: 'a run' })}\n`);
    appendFileSync(file, `${JSON.stringify(run({ releaseId: 'r1', startedAt: 9_000 }))}\n`);
    const index = new TranscriptIndex(dataDir);
    expect((await index.list('S01')).map((t) => t.id)).toEqual(['r1~3', 'r1~0']);
    expect(await index.read('r1~1')).toBeNull();
  });

  it('has nothing to list before any command ran', async () => {
    expect(await new TranscriptIndex(mkdtempSync(path.join(os.tmpdir(), 'rc-transcripts-'))).list('S01')).toEqual([]);
  });

  it.each(['../state~0', '/etc/passwd~0', 'r1/../../x~0', '.hidden~0', 'r1~', 'r1', 'r1~-1', `${'a'.repeat(129)}~0`])(
    'never resolves %j to a file: the contract refuses it, and so does the index',
    async (id) => {
      expect(TranscriptId.safeParse(id).success).toBe(false);
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-transcripts-'));
      writeFileSync(path.join(dataDir, 'state.jsonl'), `${JSON.stringify(run({}))}\n`);
      expect(await new TranscriptIndex(dataDir).read(id)).toBeNull();
    },
  );
});
