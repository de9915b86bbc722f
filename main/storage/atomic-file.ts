import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDirectory } from './fsync-directory';

/** Marks our temporary files, so the ones a crash left behind can be told apart and removed. */
const TEMP_MARK = '.tmp-';
let tempCounter = 0;

/**
 * Replaces `file` so that a crash at any moment leaves either the old content or the new, never a mix:
 * write a temporary file in the same directory, fsync it, rename it over, fsync the directory.
 */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${path.basename(file)}${TEMP_MARK}${process.pid}-${tempCounter++}`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dir);
}

/** Removes temporary files an interrupted writeFileAtomic left next to `file`. */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file);
  const prefix = path.basename(file) + TEMP_MARK;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => unlink(path.join(dir, name)).catch(() => undefined)));
}
