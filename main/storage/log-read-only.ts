import path from 'node:path';
import type { z } from 'zod';
import { findingsAtStart, type LogFinding } from './log-findings';
import { scanLog, type LogScan } from './log-scan';
import { LOG_FILE, SNAPSHOT_FILE } from './repository';
import { readSnapshot } from './snapshot-file';

/**
 * A data folder's release log, read only and checked as the console checks it at start (its lines, and the
 * log against its snapshot: a log cut back or deleted beside a snapshot that held more is a finding, never
 * a fresh start), for readers beside a console that may be appending (`check`, `dora`). The snapshot is
 * read first: the console writes a snapshot's checkpoint into the log before the snapshot itself, so a log
 * read after its snapshot is never behind it, where the other order could take entries appended in between
 * for entries missing.
 */
export async function scanLogReadOnly<S>(folder: string, stateSchema: z.ZodType<S>): Promise<{ file: string; scan: LogScan; finding: LogFinding | null }> {
  const snapshot = await readSnapshot(path.join(folder, SNAPSHOT_FILE), stateSchema);
  const file = path.join(folder, LOG_FILE);
  const scan = await scanLog(file);
  return { file, scan, finding: findingsAtStart(scan, snapshot, LOG_FILE).findings[0] ?? null };
}
