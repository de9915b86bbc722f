import path from 'node:path';
import { deliveryEventOf, deliveryFacts, type DeliveryFacts, type DeployedVersions } from '../../shared/delivery/facts';
import type { ReleaseEvent } from '../../shared/engine/events';
import { initialState } from '../../shared/engine/fold';
import { ConsoleStateFile } from '../../shared/engine/state';
import { verifyChain, type DynamoLog, type LogHead } from '../team/dynamo-log';
import { foldedEventBody } from '../storage/log-entry';
import { scanLogReadOnly } from '../storage/log-read-only';
import { LOG_FILE } from '../storage/repository';

/** Where a workspace's real (not rehearsed) release log lives inside its data folder. */
export const LIVE_FOLDER = 'live';

/** The live release log file of a data folder: what `readDeliveryFacts` reads. */
export function liveLogFile(dataFolder: string): string {
  return path.join(dataFolder, LIVE_FOLDER, LOG_FILE);
}

/**
 * Issue 19: the delivery facts of a workspace's live release log, read only (the console may be running
 * and appending). A desk on a team store keeps every event the store accepted in its own log (`shared`
 * entries), so this reads the team's history as far as this desk has seen it. A damaged log, or one cut back or
 * gone beside its snapshot, is an error, never a count. A folder with neither has no deliveries yet.
 */
export async function readDeliveryFacts(dataFolder: string): Promise<DeliveryFacts | { error: string }> {
  const { file, scan, finding } = await scanLogReadOnly(path.join(dataFolder, LIVE_FOLDER), ConsoleStateFile);
  if (finding) return { error: `the release log ${file} is damaged${finding.line === null ? '' : ` at line ${finding.line}`} (${finding.message}); open the console to see and acknowledge it.` };
  if (!scan.exists) return deliveryFacts([]);
  let initial: DeployedVersions = {};
  const events: ReleaseEvent[] = [];
  for (const { entry, line } of scan.entries) {
    if (entry.kind === 'genesis') {
      // The world the log started from: a package already at a handover's version counts as running it.
      const genesis = ConsoleStateFile.safeParse((entry.body as { state?: unknown }).state);
      if (!genesis.success) return { error: `${file}:${line}: the genesis entry holds no console state.` };
      initial = initialState(genesis.data).world.deployed;
      continue;
    }
    const body = foldedEventBody(entry);
    if (body === undefined) continue;
    const event = deliveryEventOf(body);
    if (!event) return { error: `${file}:${line}: not an event the console knows.` };
    events.push(event);
  }
  return deliveryFacts(events, initial);
}

/**
 * The same facts from the team's shared log itself (issue 19: "or the shared store"), for a machine with no
 * desk's replica. The table is read whole and its chain checked as a desk checks it on catching up
 * (verifyChain), so a table that was edited or has a gap is an error, never a count. `where` names the
 * table in messages. Rejects with StoreUnavailableError when the store does not answer.
 */
export async function readSharedDeliveryFacts(log: DynamoLog, where: string): Promise<{ facts: DeliveryFacts; head: LogHead } | { error: string }> {
  const entries = await log.tail(0);
  const chain = verifyChain(entries, null);
  if (!chain.ok) return { error: `the shared release log in ${where} does not hold: ${chain.problems.join('; ')}` };
  const events: ReleaseEvent[] = [];
  for (const entry of entries) {
    const event = deliveryEventOf(entry.body);
    if (!event) return { error: `${where}: seq ${entry.seq} (${entry.id}) is not an event the console knows.` };
    events.push(event);
  }
  return { facts: deliveryFacts(events), head: chain.head };
}
