import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { updateDecision } from '../../../main/electron/updates';

const root = path.resolve(__dirname, '../../..');

describe('checking for updates', () => {
  it.each([
    ['a development build', { isPackaged: false, updateConfig: 'provider: github\nowner: acme\nrepo: release-console\n' }, false],
    ['a packaged build whose electron-builder.yml names no publish provider', { isPackaged: true, updateConfig: null }, false],
    ['a packaged build with an empty app-update.yml', { isPackaged: true, updateConfig: '  \n' }, false],
    ['a packaged build whose app-update.yml names no provider', { isPackaged: true, updateConfig: 'url: https://updates.example.com/\n' }, false],
    ['a packaged build with the feed fixed at build time', { isPackaged: true, updateConfig: 'provider: generic\nurl: https://updates.example.com/release-console\n' }, true],
  ])('%s → checks: %s', (_name, build, check) => {
    const decision = updateDecision(build);
    expect(decision.check).toBe(check);
    if (!decision.check) expect(decision.reason.length).toBeGreaterThan(10);
  });

  it('is never handed a feed at run time: no setFeedURL anywhere in the shell, and the build names its feed or none', () => {
    const dir = path.join(root, 'main', 'electron');
    for (const file of readdirSync(dir)) expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toMatch(/setFeedURL\s*\(|autoUpdater\.channel\s*=|allowDowngrade/);
    const builder = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as { publish?: unknown };
    expect(builder).toHaveProperty('publish');
    expect(builder.publish === null || (typeof builder.publish === 'object' && 'provider' in (builder.publish as object))).toBe(true);
  });
});
