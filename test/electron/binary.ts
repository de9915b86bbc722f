import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(__filename);

/** The Electron binary npm fetched, or null where it could not be downloaded (the suite then skips). */
export function electronBinary(): string | null {
  try {
    const binary = require('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

export const SKIP_REASON = 'No Electron binary is installed on this machine (it cannot be downloaded here); run where `npm ci` fetched it.';
