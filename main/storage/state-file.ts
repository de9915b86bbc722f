import { access, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { fsyncDirectory } from './fsync-directory';

export type StateFileProblem = 'unreadable' | 'empty' | 'nul-filled' | 'bad-json' | 'not-an-object' | 'schema-invalid';

export type StateFileReading<T> = { state: T } | { problem: StateFileProblem; reason: string };

/** How many schema issues a report names before it says "and N more". */
const MAX_ISSUES_NAMED = 3;

/**
 * Decides what a state file's bytes hold. The damaged shapes are named because each has a likely cause:
 * empty (truncated), all NUL bytes (a filesystem that allocated blocks but lost the data in a power cut),
 * bad JSON (torn or hand-edited), and valid JSON the schema rejects (an edit, or another version's file).
 */
export function readStateBytes<T>(bytes: Buffer, schema: z.ZodType<T>): StateFileReading<T> {
  if (bytes.length === 0) return { problem: 'empty', reason: 'the state file is empty (truncated)' };
  if (bytes.every((b) => b === 0)) return { problem: 'nul-filled', reason: `the state file is ${bytes.length} NUL bytes` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    return { problem: 'bad-json', reason: `the state file is not valid JSON: ${(error as Error).message}` };
  }
  // electron-store and conf keep a plain JSON object at the top level; anything else is not our file.
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { problem: 'not-an-object', reason: 'the state file does not hold a JSON object' };
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues;
    const named = issues.slice(0, MAX_ISSUES_NAMED).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const more = issues.length > MAX_ISSUES_NAMED ? `; and ${issues.length - MAX_ISSUES_NAMED} more` : '';
    return { problem: 'schema-invalid', reason: `the state file does not match the schema: ${named.join('; ')}${more}` };
  }
  return { state: result.data };
}

/** `state.json` → `state.corrupt-2025-06-13T10-55-00-000Z.json` in the same directory, never overwriting one. */
export async function moveAside(file: string, nowMs: number): Promise<string> {
  const dir = path.dirname(file);
  const ext = path.extname(file);
  const name = path.basename(file, ext);
  // Colons and dots are not portable in file names (Windows, some sync tools).
  const stamp = new Date(nowMs).toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const target = path.join(dir, `${name}.corrupt-${stamp}${n === 1 ? '' : `-${n}`}${ext || '.json'}`);
    if (await exists(target)) continue;
    await rename(file, target);
    await fsyncDirectory(dir);
    return target;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
