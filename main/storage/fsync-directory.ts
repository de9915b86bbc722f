import { open } from 'node:fs/promises';

/**
 * Makes a directory's entries durable: after a rename or a file's creation, fsync on the file alone does
 * not promise the name survives a power loss. Platforms that cannot open a directory (Windows) skip it.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Some filesystems refuse fsync on a directory; the rename itself has still happened.
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
