// The packaged app's Electron fuses (electron-builder.yml): no Node mode, no NODE_OPTIONS, no inspector
// flags, and only a verified app.asar loads. The Electron e2e suite runs the unpackaged binary, where
// inspection stays possible because Playwright drives the app through it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('electron-builder.yml', () => {
  const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('flips the fuses that turn a release build into a locked-down binary', () => {
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar, unpacking only node-pty, the workspaces’ tools and scripts, and the README, which must be real files', () => {
    expect(config['asar']).toBe(true);
    expect(config['asarUnpack']).toEqual(['node_modules/node-pty/**', 'workspaces/**/bin/**', 'workspaces/**/scripts/**', 'README.md']);
  });
});
