import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../../main/workspace/load';

/** Issue 19: a workspace's fix-forward policy and a handover's `fixes` link, read from real files with errors that say where. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function seed002With(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-ff-schema-'));
  cpSync(path.join(root, 'workspaces', 'blue-green-governed'), dir, { recursive: true });
  writeFileSync(path.join(dir, file), edit(readFileSync(path.join(dir, file), 'utf8')));
  return dir;
}

describe("rollback.yaml's fixForward and a handover's fixes", () => {
  test("seed 002's workspace fixes forward on SEV-1 to SEV-4 within an hour; the demo does not fix forward", async () => {
    const governed = await loadWorkspace(path.join(root, 'workspaces', 'blue-green-governed'));
    const demo = await loadWorkspace(path.join(root, 'workspaces', 'demo'));
    expect(governed.ok && governed.workspace.fixForward).toEqual({ severities: ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'], deadlineMinutes: 60 });
    expect(demo.ok && demo.workspace.fixForward).toBeUndefined();
  });

  test.each([
    ['a fixes link to a handover that does not exist', 'releases.yaml', (t: string) => t.replace('status: Ready for Production', 'status: Ready for Production\n        fixes: HO-9'), /Handover HO-1 fixes "HO-9", which is not a handover in releases\.yaml/],
    ['a handover that fixes itself', 'releases.yaml', (t: string) => t.replace('status: Ready for Production', 'status: Ready for Production\n        fixes: HO-1'), /Handover HO-1 cannot fix itself/],
    ['a severity named twice', 'rollback.yaml', (t: string) => t.replace('[SEV-1, SEV-2, SEV-3, SEV-4]', '[SEV-1, SEV-2, SEV-2]'), /each severity is named once/],
    ['an empty severity scale', 'rollback.yaml', (t: string) => t.replace('[SEV-1, SEV-2, SEV-3, SEV-4]', '[]'), /at least one severity/],
  ])('refuses %s, naming the file', async (_name, file, edit, message) => {
    const result = await loadWorkspace(seed002With(file, edit));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const error = result.errors.find((e) => message.test(e.message));
    expect(error, JSON.stringify(result.errors)).toBeDefined();
    expect(error?.file).toBe(file);
    expect(error?.line).toBeGreaterThan(0);
  });
});
