/**
 * What goes into the team's shared chain and what stays on the desk. One rule, here, so the repository
 * that writes and the tests that check it cannot disagree (issue 15, "What is shared").
 */

/** The log's own bookkeeping that only makes sense for one desk's file: a torn tail, a snapshot checkpoint. */
const LOCAL_ENTRY_KINDS: ReadonlySet<string> = new Set(['recovery', 'checkpoint']);

/**
 * Event types that describe one desk, not the release: a refusal (kept in the desk's local log, as the
 * issue asks), which release a window has selected, a console process starting, the name a desk acts
 * under (until its STS identity is the actor) and the demo switching its own clock. A rehearsal's clock
 * moves (`clockMoved`) are shared: every desk on one rehearsal decides at one time, or a window open at the
 * PE's desk was closed at QA's. (They were kept per desk, as each desk's fiction; leases never read that
 * clock, they are judged on each desk's monotonic clock, so one shared clock cannot expire another's lease.)
 */
const LOCAL_EVENT_TYPES: ReadonlySet<string> = new Set(['refused', 'releaseSelected', 'consoleStarted', 'operatorSet', 'demoClockSwitched']);

/** Why an entry must not be written to the shared chain, or null when it is shared. */
export function localOnlyReason(kind: string, body: unknown): string | null {
  if (LOCAL_ENTRY_KINDS.has(kind)) return `a ${kind} entry belongs to one desk's local log`;
  const type = body !== null && typeof body === 'object' && 'type' in body ? (body as { type: unknown }).type : undefined;
  if (kind === 'event' && typeof type === 'string' && LOCAL_EVENT_TYPES.has(type)) {
    return type === 'refused' ? 'a refusal stays in the desk’s local log, outside the shared chain' : `a ${type} event describes one desk, not the release`;
  }
  return null;
}

/**
 * The chain a desk shares: the workspace's id (its name when it has none; the data folder's key would
 * differ per machine) and, for a rehearsal, a chain of its own, so a drill never mixes into the real record.
 */
export function sharedChainId(workspace: { id?: string | undefined; name: string }, rehearsal: boolean): string {
  return `${workspace.id ?? workspace.name}${rehearsal ? '#rehearsal' : ''}`;
}

/** The partition of one workspace's chain: every desk of the workspace writes and reads this one key. */
export function logPartitionKey(workspaceId: string): string {
  return `log#${workspaceId}`;
}

/**
 * Leases and presence live beside the chain, in partitions of their own, so heartbeats never grow it.
 * The table has one key schema (pk, numeric seq): a region's lease is the single item (seq 0) of its
 * own partition, so taking it is one conditional write on one key.
 */
export function leasePartitionKey(workspaceId: string, regionId: string): string {
  return `lease#${workspaceId}#${regionId}`;
}

/** Every desk's presence in one partition, one item per desk, so one Query lists who is there. */
export function presencePartitionKey(workspaceId: string): string {
  return `presence#${workspaceId}`;
}

/** The attribute DynamoDB's TTL deletes by (epoch seconds). Deletion is lazy (hours), so readers check expiry themselves. */
export const TTL_ATTRIBUTE = 'expiresAt';
