import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { sha256Hex } from './audit-entry';
import { verifyAuditLog } from './audit-verify';
import type { JsonValue } from './canonical-json';
import type { Genesis } from './repository';
import { readStateBytes } from './state-file';

export interface LegacyFiles<L, S> {
  dir: string;
  /** The old state file's schema and what an absent file means. */
  legacySchema: z.ZodType<L>;
  legacyDefaults: L;
  /** The old state as the log's initial state. */
  toState: (legacy: L) => S;
}

/** The files of the format before the release log (issues 6 and 8): a state file and the audit log. */
export const LEGACY_STATE_FILE = 'state.json';
export const LEGACY_AUDIT_FILE = 'audit.jsonl';

/**
 * The `migrate` hook for data from before the release log: the genesis entry carries the old state as
 * the initial state and the old audit log's head (seq and hash), so the old log, which stays where it is
 * and is never rewritten, can still be verified and is anchored in the new chain. Null when neither file
 * exists: a fresh install has nothing to carry over.
 */
export function legacyMigration<L, S>(files: LegacyFiles<L, S>): () => Promise<Genesis<S> | null> {
  return async () => {
    const stateFile = path.join(files.dir, LEGACY_STATE_FILE);
    const auditFile = path.join(files.dir, LEGACY_AUDIT_FILE);
    const stateBytes = await readFile(stateFile).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    const audit = await verifyAuditLog(auditFile);
    if (stateBytes === null && audit.entries === 0 && audit.tornTail.length === 0) return null;

    let legacy = files.legacyDefaults;
    let stateProblem: string | null = null;
    if (stateBytes !== null) {
      const reading = readStateBytes(stateBytes, files.legacySchema);
      if ('state' in reading) legacy = reading.state;
      else stateProblem = reading.reason;
    }
    const origin: JsonValue = {
      format: 'state.json + audit.jsonl',
      stateFile: stateBytes === null ? null : { name: LEGACY_STATE_FILE, bytes: stateBytes.length, sha256: sha256Hex(stateBytes), problem: stateProblem },
      auditLog: {
        name: LEGACY_AUDIT_FILE,
        head: { seq: audit.head.seq, hash: audit.head.hash },
        entries: audit.entries,
        verified: audit.ok,
        break: audit.break ? audit.break.message : null,
      },
    };
    return { state: files.toState(legacy), origin };
  };
}
