// issue 14, point 3: each kind of tampering with the release log or its snapshot, done while the console
// was stopped, is shown on screen at the next start naming what is wrong (which line, how many entries
// missing); the console refuses changes until someone acknowledges, and the acknowledgement clears it.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rehearsalDir } from '../release-log';
import type { Page } from '@playwright/test';
import { systemClock } from '../../shared/clock';
import { openReleaseRepository } from '../../main/release/repository';
import { decodeLogLine, encodeLogEntry, type LogEntry } from '../../main/storage/log-entry';
import { LOG_FILE, SNAPSHOT_FILE } from '../../main/storage/repository';
import { hashState } from '../../main/storage/snapshot-file';
import { test, expect, startServe, stopServe } from './fixtures';
import { openConsole, openScreen, press, expectState, setOperator } from './steps';

const REHEARSAL = ['--rehearsal-at', '2026-03-19T10:55:00Z'];
/** Console starts recorded before the tampering, so there are lines to change and to cut. */
const EARLIER_STARTS = 12;

/** A first run leaves a migrated log; then more recorded starts, closed with a snapshot. Returns the log's lines. */
async function preparedDataDir(): Promise<{ dataDir: string; dir: string; lines: string[] }> {
  const first = await startServe(REHEARSAL);
  await stopServe(first);
  const dir = rehearsalDir(first.dataDir);
  // Two sessions, so there is an earlier snapshot head for a rewrite to be placed after.
  for (let session = 0; session < 2; session++) {
    const log = await openReleaseRepository(dir, systemClock());
    for (let i = 0; i < EARLIER_STARTS / 2; i++) await log.append([{ type: 'consoleStarted', actor: { name: 'release-console', role: 'system' }, workspace: 'demo', rehearsal: true, at: Date.UTC(2026, 2, 19, 10, i) }]);
    await log.close();
  }
  return { dataDir: first.dataDir, dir, lines: readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n').filter(Boolean) };
}

function rehashFrom(lines: string[], from: number): string[] {
  const out = lines.slice(0, from - 1);
  let head = { seq: from - 1, hash: (JSON.parse(out[from - 2]!) as LogEntry).hash };
  for (const line of lines.slice(from - 1)) {
    const entry = JSON.parse(line) as LogEntry;
    const next = encodeLogEntry({ kind: entry.kind, body: entry.body }, head, entry.time);
    out.push(next.line.trimEnd());
    head = next.entry;
  }
  return out;
}

/** The line of the checkpoint the first of the two prepared sessions closed with. */
function middleCheckpoint(lines: string[]): number {
  const checkpoints = lines.map((l, i) => (l.includes('"kind":"checkpoint"') ? i + 1 : 0)).filter(Boolean);
  return checkpoints.at(-2)!;
}

const write = (file: string, lines: string[]) => writeFileSync(file, lines.join('\n') + '\n');

const CASES: { name: string; tamper: (dir: string, lines: string[]) => void; shown: (lines: string[]) => RegExp }[] = [
  {
    name: 'an entry changed',
    tamper: (dir, lines) => write(path.join(dir, LOG_FILE), lines.map((l, i) => (i === 4 ? l.replace('"rehearsal":true', '"rehearsal":false') : l))),
    shown: () => /^The release log was changed at line 5 \(seq 5\): its content no longer matches its hash [0-9a-f]{12}\.$/,
  },
  {
    name: 'an entry changed and the rest re-hashed',
    tamper: (dir, lines) => {
      const line = middleCheckpoint(lines) + 2;
      write(path.join(dir, LOG_FILE), rehashFrom(lines.map((l, i) => (i === line - 1 ? l.replace('"rehearsal":true', '"rehearsal":false') : l)), line));
    },
    // The first session's snapshot head still matches, so the rewrite is placed after it.
    shown: (lines) => {
      const after = middleCheckpoint(lines);
      return new RegExp(`^The release log was rewritten between line ${after + 1} and line ${lines.length} \\(seq ${after + 1} to ${lines.length}\\): the entry at line ${lines.length} \\(seq ${lines.length}\\) now hashes to`);
    },
  },
  {
    name: 'the last entries cut',
    tamper: (dir, lines) => write(path.join(dir, LOG_FILE), lines.slice(0, lines.length - 3)),
    shown: (lines) => new RegExp(`^3 entries are missing after line ${lines.length - 3} \\(seq ${lines.length - 3}\\): the snapshot includes up to seq ${lines.length}\\.`),
  },
  {
    name: 'the log deleted',
    tamper: (dir) => unlinkSync(path.join(dir, LOG_FILE)),
    shown: (lines) => new RegExp(`^The release log \\(release-log\\.jsonl\\) is missing: the snapshot says it held ${lines.length} entries`),
  },
  {
    name: 'the log replaced with NUL bytes',
    tamper: (dir) => writeFileSync(path.join(dir, LOG_FILE), Buffer.alloc(4096)),
    shown: () => /^The release log \(release-log\.jsonl\) was replaced: its 4096 bytes are all NUL; the snapshot says it held \d+ entries/,
  },
  {
    name: 'the snapshot edited',
    tamper: (dir) => {
      const file = path.join(dir, SNAPSHOT_FILE);
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { state: { operator: unknown } };
      snapshot.state.operator = { name: 'mallory', role: 'PE' };
      writeFileSync(file, JSON.stringify(snapshot));
    },
    shown: () => /^The snapshot \(snapshot\.json\) cannot be trusted: its content does not match its hash/,
  },
  {
    name: 'the snapshot edited with its hash recomputed',
    tamper: (dir) => {
      const file = path.join(dir, SNAPSHOT_FILE);
      const snapshot = JSON.parse(readFileSync(file, 'utf8')) as { state: { operator: unknown }; stateHash: string };
      snapshot.state.operator = { name: 'mallory', role: 'PE' };
      snapshot.stateHash = hashState(snapshot.state);
      writeFileSync(file, JSON.stringify(snapshot));
    },
    shown: (lines) => new RegExp(`^The snapshot \\(snapshot\\.json\\) does not match the release log: its state hashes to [0-9a-f]{12}, the checkpoint at line ${lines.length} recorded`),
  },
];

async function findings(page: Page) {
  return page.getByRole('region', { name: 'Release log findings' });
}

for (const { name, tamper, shown } of CASES) {
  test(`${name} while the console was stopped is shown at start with what is wrong, until acknowledged`, async ({ page }) => {
    const { dataDir, dir, lines } = await preparedDataDir();
    tamper(dir, lines);
    const served = await startServe(REHEARSAL, {}, dataDir);
    try {
      await openConsole(page, served.url);
      const banner = (await findings(page)).getByRole('alert');
      await expect(banner).toHaveCount(1);
      await expect(banner).toHaveText(shown(lines));
      await page.screenshot({ path: `test-results/release-log-${name.replace(/\W+/g, '-')}.png` });
      await openScreen(page, 'Evidence and exports');
      await expect(page.getByRole('region', { name: 'Record' })).toContainText('Read-only until acknowledged');

      await setOperator(page, 'Priya Shah', 'release manager');
      await (await findings(page)).getByRole('button', { name: 'Acknowledge' }).click();
      await expect(await findings(page)).toHaveCount(0);
      await expect(page.getByRole('region', { name: 'Record' })).toContainText('no open findings');
    } finally {
      await stopServe(served);
    }
    const after = readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n').filter(Boolean);
    // The replaced bytes stay where they were (a recovery entry names them); only entries are read here.
    const acknowledgement = after.flatMap((l) => {
      const decoded = decodeLogLine(l);
      return 'entry' in decoded ? [decoded.entry] : [];
    }).find((e) => e.kind === 'acknowledgement');
    expect(acknowledgement?.body).toMatchObject({ acknowledgedBy: { name: 'Priya Shah', role: 'release manager' }, findings: [{ message: expect.stringMatching(shown(lines)) }] });
  });
}

test('while read-only, a change to the record is refused with the reason, and allowed once acknowledged', async ({ page }) => {
  const { dataDir, dir, lines } = await preparedDataDir();
  write(path.join(dir, LOG_FILE), lines.slice(0, lines.length - 2));
  const served = await startServe(REHEARSAL, {}, dataDir);
  try {
    await openConsole(page, served.url);
    await setOperator(page, 'alice');
    await openScreen(page, 'Checklist');
    await press(page, 'write-prod-cr@*', 'Mark done');
    await expect(page.getByRole('alert').filter({ hasText: 'The release log is read-only until someone acknowledges' })).toBeVisible();
    await expectState(page, 'write-prod-cr@*', 'Ready');
    await (await findings(page)).getByRole('button', { name: 'Acknowledge' }).click();
    await expect(await findings(page)).toHaveCount(0);
    await press(page, 'write-prod-cr@*', 'Mark done');
    await expectState(page, 'write-prod-cr@*', 'Done');
  } finally {
    await stopServe(served);
  }
});

test('an untouched log shows its head in the Record panel with a Copy button and no finding, and every export carries it', async ({ page }) => {
  const { dataDir, dir } = await preparedDataDir();
  const served = await startServe(REHEARSAL, {}, dataDir);
  try {
    await openConsole(page, served.url);
    await openScreen(page, 'Evidence and exports');
    const record = page.getByRole('region', { name: 'Record' });
    await expect(record).toContainText('no open findings');
    // This start appended its own event after the lines prepared before it.
    const lines = readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n').filter(Boolean);
    const head = JSON.parse(lines.at(-1)!) as LogEntry;
    await expect(page.getByTestId('log-head')).toHaveText(`seq ${head.seq} · ${head.hash.slice(0, 12)}`);
    await expect(record.getByRole('button', { name: 'Copy' })).toBeVisible();
    await expect(await findings(page)).toHaveCount(0);
    await page.screenshot({ path: 'test-results/release-log-record.png' });
    // The head leaves the machine with every export, where a rewrite of log and snapshot together cannot reach it.
    await page.getByRole('button', { name: 'CR evidence (Markdown)' }).click();
    await expect(page.getByLabel('Exported text')).toContainText(`- Release log head: seq ${head.seq}, sha256 ${head.hash}`);
    // That export is itself logged: the next one carries the head that includes it.
    const exported = JSON.parse(readFileSync(path.join(dir, LOG_FILE), 'utf8').split('\n').filter(Boolean).at(-1)!) as LogEntry;
    expect(exported.body).toMatchObject({ type: 'evidenceExported', format: 'cr-markdown' });
    await page.getByRole('button', { name: 'Deployment log entry (JSON)' }).click();
    await expect(page.getByLabel('Exported text')).toContainText(`"releaseLogHead": {\n    "seq": ${exported.seq},\n    "sha256": "${exported.hash}"`);
  } finally {
    await stopServe(served);
  }
});
