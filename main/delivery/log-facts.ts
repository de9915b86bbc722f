import path from 'node:path';
import { deliveryEventOf, deliveryFacts, type DeliveryEvent, type DeliveryFacts, type DeployedVersions } from '../../shared/delivery/facts';
import { initialState } from '../../shared/engine/fold';
import { ConsoleStateFile } from '../../shared/engine/state';
import { foldedEventBody } from '../storage/log-entry';
import { scanLog } from '../storage/log-scan';
import { LOG_FILE } from '../storage/repository';

/** Where a workspace's real (not rehearsed) release log lives inside its data folder. */
export const LIVE_FOLDER = 'live';

/**
 * Issue 19: the delivery facts of a workspace's live release log, read only (the console may be running
 * and appending). A desk on a team store keeps every event the store accepted in its own log (`shared`
 * entries), so this reads the team's history as far as this desk has seen it. A damaged log is an error,
 * never a count. A folder with no log has no deliveries yet.
 */
export async function readDeliveryFacts(dataFolder: string): Promise<DeliveryFacts | { error: string }> {
  const file = path.join(dataFolder, LIVE_FOLDER, LOG_FILE);
  const scan = await scanLog(file);
  if (!scan.exists) return deliveryFacts([]);
  const broken = scan.breaks[0];
  if (broken) return { error: `the release log ${file} is damaged at line ${broken.line} (${broken.message}); open the console to see and acknowledge it.` };
  let initial: DeployedVersions = {};
  const events: DeliveryEvent[] = [];
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
