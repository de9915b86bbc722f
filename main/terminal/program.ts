import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the file execvp would run for argv[0], on the PATH the child will get (not ours), so a missing
 * tool is reported plainly ("maintenance: not found on PATH") instead of as a failed exec inside the pty.
 */
export function resolveProgram(name: string, pathVariable: string | undefined, cwd: string): string | null {
  // A name with a slash is a path, as for execvp: relative ones are taken from the command's cwd.
  if (name.includes('/')) {
    const file = path.resolve(cwd, name);
    return isExecutableFile(file) ? file : null;
  }
  for (const dir of (pathVariable ?? '').split(path.delimiter)) {
    // An empty PATH entry means the current directory: a classic way to run the wrong `deploy`. Skipped.
    if (dir === '' || !path.isAbsolute(dir)) continue;
    const file = path.join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
