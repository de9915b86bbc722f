import { describe, expect, test } from 'vitest';
import { workspaceDataKey } from '../../../shared/workspace/dataKey';

const DIGEST = '3f2a9c01b7e45d6688aa';

describe("a workspace's data folder name", () => {
  test.each([
    ['the demo', { isDemo: true, folderName: 'demo', pathDigest: DIGEST }, 'demo'],
    ['a workspace that declares its id', { id: 'rt-platform', isDemo: false, folderName: 'rt', pathDigest: DIGEST }, 'rt-platform'],
    ['a folder, by name and path digest', { isDemo: false, folderName: 'RT Platform (prod)', pathDigest: DIGEST }, 'rt-platform-prod-3f2a9c01b7e4'],
    ['a folder whose name has no letters or digits', { isDemo: false, folderName: '…', pathDigest: DIGEST }, 'workspace-3f2a9c01b7e4'],
    ['a folder with a dotted or traversing name', { isDemo: false, folderName: '../..', pathDigest: DIGEST }, 'workspace-3f2a9c01b7e4'],
  ])('%s → %s', (_name, workspace, key) => {
    expect(workspaceDataKey(workspace)).toBe(key);
  });

  test('two checkouts with the same folder name get two folders', () => {
    const a = workspaceDataKey({ isDemo: false, folderName: 'rt', pathDigest: 'aaaaaaaaaaaa' });
    const b = workspaceDataKey({ isDemo: false, folderName: 'rt', pathDigest: 'bbbbbbbbbbbb' });
    expect(a).not.toBe(b);
  });

  test('refuses a digest that is not hex', () => {
    expect(() => workspaceDataKey({ isDemo: false, folderName: 'rt', pathDigest: '../x' })).toThrow(/hex/);
  });
});
