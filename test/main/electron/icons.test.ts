import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the app icons, one for every packaging target', () => {
  const builder = parse(read('electron-builder.yml').toString()) as { directories: { buildResources: string }; linux: { icon: string }; mac: { icon: string }; win: { icon: string } };

  it('are named by electron-builder.yml for Linux, macOS and Windows', () => {
    expect(builder.directories.buildResources).toBe('build');
    expect([builder.linux.icon, builder.mac.icon, builder.win.icon]).toEqual(['build/icons', 'build/icon.icns', 'build/icon.ico']);
  });

  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('Linux has a %i px square PNG', (size) => {
    expect(pngSize(read(`build/icons/${size}x${size}.png`))).toEqual({ width: size, height: size });
  });

  it('macOS has an ICNS with a 1024 px image', () => {
    const icns = read('build/icon.icns');
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });

  it('Windows has an ICO with a 256 px entry', () => {
    const ico = read('build/icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toContain(256);
    expect(widths).toContain(16);
  });
});
