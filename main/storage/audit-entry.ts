import { createHash } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, type JsonValue } from './canonical-json';

/**
 * What the console records. `recovery` is written by the log itself when it continues after a line torn
 * by a crash; `session` marks app start and the verification it ran.
 */
export const AUDIT_KINDS = [
  'intent',
  'decision',
  'override',
  'command',
  'approval',
  'tick',
  'transition',
  'baseline',
  'export',
  'session',
  'recovery',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The first entry's `prevHash`: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a caller hands to `append`; the log adds seq, time and the chain. */
export interface AuditEntryInput {
  actor: string;
  /** The operator's role as the session states it (PE, on-call, QA, release manager) or `system`. */
  role: string;
  kind: AuditKind;
  release?: string | null;
  region?: string | null;
  step?: string | null;
  data?: JsonValue;
}

const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]),
);

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEntrySchema = z.strictObject({
  seq: z.number().int().positive(),
  time: z.string(),
  actor: z.string(),
  role: z.string(),
  kind: z.enum(AUDIT_KINDS),
  release: z.string().nullable(),
  region: z.string().nullable(),
  step: z.string().nullable(),
  data: jsonValueSchema,
  prevHash: sha256HexSchema,
  hash: sha256HexSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** Where the chain stands: the entry a new one follows. */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_CHAIN: AuditChainHead = { seq: 0, hash: GENESIS_HASH };

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** sha256 over the canonical JSON of every field but `hash` itself. */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...unhashed } = entry;
  return sha256Hex(canonicalJson(unhashed));
}

/**
 * Builds the entry that follows `head` and the exact line (with its newline) that stores it. The bench and
 * tests build large logs through this same function, so what they write is what the log writes.
 */
export function encodeAuditEntry(input: AuditEntryInput, head: AuditChainHead, time: string): { entry: AuditEntry; line: string } {
  const unhashed = {
    seq: head.seq + 1,
    time,
    actor: input.actor,
    role: input.role,
    kind: input.kind,
    release: input.release ?? null,
    region: input.region ?? null,
    step: input.step ?? null,
    data: input.data ?? null,
    prevHash: head.hash,
  };
  const entry: AuditEntry = { ...unhashed, hash: sha256Hex(canonicalJson(unhashed)) };
  return { entry, line: canonicalJson(entry) + '\n' };
}

export type AuditLineProblem = 'bad-json' | 'bad-entry' | 'hash-mismatch';

/** Parses one stored line (without its newline) and checks the entry against its own hash. */
export function decodeAuditLine(text: string): { entry: AuditEntry } | { problem: AuditLineProblem; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: 'bad-json', message: `not JSON: ${(error as Error).message}` };
  }
  const result = auditEntrySchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { problem: 'bad-entry', message: `not an audit entry: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` };
  }
  const expected = hashAuditEntry(result.data);
  if (expected !== result.data.hash) {
    return { problem: 'hash-mismatch', message: `entry seq ${result.data.seq} hashes to ${expected}, but says ${result.data.hash}` };
  }
  return { entry: result.data };
}
