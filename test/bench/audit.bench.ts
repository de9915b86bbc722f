// audit.append_growth_ratio: the median cost of one audit append (write + fsync) with 100,000 entries
// already in the log, divided by the median with 1,000. Both logs are appended side by side in one run,
// so disk and CPU noise hit both alike. An append that re-read the log would show up as a ratio near 100.
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../shared/clock';
import { EMPTY_CHAIN, encodeAuditEntry, type AuditEntryInput } from '../../main/storage/audit-entry';
import { AuditLog } from '../../main/storage/audit-log';

const SMALL = 1_000;
const LARGE = 100_000;
/** Enough samples that the median sits well clear of the occasional slow fsync. */
const ROUNDS = 300;
const WARMUP = 20;
/** Lines per write while building a log: keeps building 100,000 entries to a few seconds. */
const BUILD_BATCH = 5_000;

const clock = systemClock();
const sample: AuditEntryInput = {
  actor: 'Sam Okafor',
  role: 'PE',
  kind: 'command',
  release: 'platform-weekly-2025-06-13',
  region: 'EUW2',
  step: 'deploy',
  data: { command: 'rmht check-versions --region euw2', transcript: 'term-euw2#1042', exitCode: 0 },
};

/** Writes `count` valid chained entries through the module's own encoder, without fsync per line. */
async function buildLog(file: string, count: number): Promise<void> {
  const handle = await open(file, 'w');
  let head = EMPTY_CHAIN;
  const time = new Date(clock.now()).toISOString();
  for (let done = 0; done < count; ) {
    const lines: string[] = [];
    for (const end = Math.min(count, done + BUILD_BATCH); done < end; done++) {
      const { entry, line } = encodeAuditEntry({ ...sample, data: { ...(sample.data as object), n: done } }, head, time);
      head = entry;
      lines.push(line);
    }
    await handle.write(lines.join(''));
  }
  await handle.sync();
  await handle.close();
}

async function timeAppend(log: AuditLog, round: number): Promise<number> {
  const started = performance.now();
  await log.append({ ...sample, data: { round } });
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'rc-audit-bench-'));
try {
  const smallFile = path.join(dir, 'small.jsonl');
  const largeFile = path.join(dir, 'large.jsonl');
  await buildLog(smallFile, SMALL);
  await buildLog(largeFile, LARGE);
  const small = new AuditLog({ file: smallFile, clock });
  const large = new AuditLog({ file: largeFile, clock });
  await small.open();
  await large.open();
  for (let i = 0; i < WARMUP; i++) {
    await timeAppend(small, -1);
    await timeAppend(large, -1);
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate which goes first so neither always follows the other's fsync.
    if (round % 2 === 0) {
      smallMs.push(await timeAppend(small, round));
      largeMs.push(await timeAppend(large, round));
    } else {
      largeMs.push(await timeAppend(large, round));
      smallMs.push(await timeAppend(small, round));
    }
  }
  const verification = await large.verify();
  if (!verification.ok || verification.entries !== LARGE + WARMUP + ROUNDS) throw new Error(`bench log does not verify: ${JSON.stringify(verification.break)}`);
  await small.close();
  await large.close();
  const a = median(smallMs);
  const b = median(largeMs);
  const round3 = (x: number) => Math.round(x * 1000) / 1000;
  console.log(JSON.stringify({ bench: 'audit.append_growth_ratio', value: round3(b / a), unit: 'ratio', append_ms_at_1k: round3(a), append_ms_at_100k: round3(b) }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
