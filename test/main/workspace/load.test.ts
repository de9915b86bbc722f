import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { demoWorkspaceDir, loadWorkspace } from '../../../main/workspace/load';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const fixtures = path.join(root, 'test/fixtures/workspaces');

describe('loadWorkspace', () => {
  test.each([
    ['demo', 11, 4],
    ['canary-progressive', 2, 1],
    ['blue-green-governed', 2, 1],
    ['gated-release', 1, 1],
    ['blue-green-feature-flags', 2, 1],
  ])('loads the %s template with its regions and runbooks', async (name, regions, runbooks) => {
    const result = await loadWorkspace(path.join(root, 'workspaces', name));
    if (!result.ok) throw new Error(result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`).join('\n'));
    expect(result.workspace.regions).toHaveLength(regions);
    expect(result.workspace.runbooks).toHaveLength(runbooks);
  });

  test('finds the demo workspace from the package root', () => {
    expect(demoWorkspaceDir()).toBe(path.join(root, 'workspaces', 'demo'));
  });

  test('loads a minimal workspace that has only the required files', async () => {
    const result = await loadWorkspace(path.join(fixtures, 'minimal'));
    expect(result.ok).toBe(true);
  });

  test.each([
    ['bad-yaml', 'regions.yaml', 4, /not valid YAML/],
    ['unknown-region', 'runbooks/rollout.yaml', 11, /region "EUW9", which is not a region in regions\.yaml/],
    ['window-without-zone', 'rules.yaml', 2, /windows\[0\]\.zone is missing; .*IANA zone/],
    ['overlapping-step-ids', 'runbooks/rollout.yaml', 13, /Step id "deploy" is used twice/],
    ['unknown-field', 'regions.yaml', 2, /unknown field "timming"/],
  ])('rejects the %s fixture with file, line, column and a sentence', async (fixture, file, line, message) => {
    const result = await loadWorkspace(path.join(fixtures, fixture));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => message.test(e.message));
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error?.file).toBe(file);
    expect(error?.line).toBe(line);
    expect(error?.column).toBeGreaterThan(0);
    expect(error?.message).toMatch(/\.$/);
    expect(error?.message).not.toMatch(/\n\s+at /);
  });

  test('reports a missing folder as an error, not a stack trace', async () => {
    const result = await loadWorkspace(path.join(fixtures, 'does-not-exist'));
    expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ line: 1, column: 1, message: expect.stringMatching(/no workspace folder/) })] });
  });
});
