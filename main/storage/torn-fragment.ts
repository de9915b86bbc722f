import { sha256Hex } from './audit-entry';

/**
 * Bytes left by a crash in the middle of an append: never rewritten, they stay where they are. The next
 * append first writes a `recovery` entry naming each fragment by offset, length and digest, so a later
 * verification can tell a crash it was told about from a line someone damaged.
 */
export interface TornFragment {
  offset: number;
  bytes: number;
  sha256: string;
}

export function describeFragment(offset: number, bytes: Uint8Array): TornFragment {
  return { offset, bytes: bytes.length, sha256: sha256Hex(bytes) };
}
