import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { sha256Hex } from './audit-entry';
import { canonicalJson, type JsonValue } from './canonical-json';
import { shortHash, type LogHead } from './log-entry';
import { readStateBytes } from './state-file';

/**
 * `snapshot.json`: the folded state up to `head`, the last log entry it includes, plus `stateHash`, the
 * sha256 of the state's canonical JSON. The same hash is written into the log (a checkpoint entry, at
 * `head`) before the snapshot, so the log says what the snapshot must hold.
 */
export interface Snapshot<S> {
  format: 1;
  head: LogHead;
  stateHash: string;
  state: S;
  /**
   * Heads of earlier snapshots, oldest first, thinned to MAX_EARLIER_HEADS. Only narrows down where a
   * rewrite happened once the head check has found one: it decides nothing, so it is not hashed.
   */
  earlierHeads: LogHead[];
}

/** Enough to narrow a rewrite of a long log to a span of a few snapshots, in a few KB. */
export const MAX_EARLIER_HEADS = 64;

/**
 * Adds `head` and, past the limit, drops every other head but the first and the newest, so the list keeps
 * spanning the whole log (the oldest head is never dropped) while its spacing grows with the log.
 */
export function withEarlierHead(heads: readonly LogHead[], head: LogHead): LogHead[] {
  const next = [...heads, head];
  if (next.length <= MAX_EARLIER_HEADS) return next;
  return next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
}

const Head = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
const SnapshotEnvelope = z.object({
  format: z.literal(1),
  head: Head,
  earlierHeads: z.array(Head).max(MAX_EARLIER_HEADS).default([]),
  stateHash: z.string(),
  state: z.unknown().refine((value) => value !== undefined, 'state is missing'),
});

export type SnapshotReading<S> = { absent: true } | { snapshot: Snapshot<S> } | { problem: string };

export function hashState(state: unknown): string {
  return sha256Hex(canonicalJson(state));
}

/** Reads and checks the snapshot's own content; whether it agrees with the log is the repository's question. */
export async function readSnapshot<S>(file: string, stateSchema: z.ZodType<S>): Promise<SnapshotReading<S>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { absent: true };
    return { problem: `it cannot be read: ${(error as Error).message}` };
  }
  const reading = readStateBytes(bytes, SnapshotEnvelope);
  if (!('state' in reading)) return { problem: reading.reason.replace('the state file', 'it') };
  const raw = reading.state;
  const stateHash = hashState(raw.state);
  if (stateHash !== raw.stateHash) {
    return { problem: `its content does not match its hash: the state hashes to ${shortHash(stateHash)}, the snapshot says ${shortHash(raw.stateHash)}` };
  }
  const state = stateSchema.safeParse(raw.state);
  if (!state.success) return { problem: `its state does not match the schema: ${state.error.issues[0]?.message ?? 'invalid'}` };
  return { snapshot: { format: 1, head: raw.head, stateHash, state: state.data, earlierHeads: raw.earlierHeads } };
}

export async function writeSnapshot<S>(file: string, snapshot: Snapshot<S>): Promise<void> {
  await writeFileAtomic(file, JSON.stringify({ ...snapshot, state: snapshot.state as JsonValue }));
}
