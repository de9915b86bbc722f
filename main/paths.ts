import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root, found by walking up from this module: the same answer from the TypeScript source
 * (tests), from the bundled `out/` files and from inside a packaged app's asar.
 */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'release-console') return dir;
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('release-console: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

export function rendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}
