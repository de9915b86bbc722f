import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConsole } from '../../../main/console';

const root = path.resolve(__dirname, '../../..');

describe("each workspace's own data folder", () => {
  it('keeps the demo and another workspace apart under the data root, so switching never mixes two records', async () => {
    const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'rc-data-root-'));
    const demo = await createConsole({ dataRoot, operator: { name: 'alice', role: 'PE' } });
    await demo.host.close();
    const canary = await createConsole({ dataRoot, workspaceDir: path.join(root, 'workspaces', 'canary-progressive'), operator: { name: 'alice', role: 'PE' } });
    await canary.host.close();

    const folders = readdirSync(path.join(dataRoot, 'workspaces')).sort();
    expect(folders).toHaveLength(2);
    expect(folders[0]).toMatch(/^canary-progressive-[0-9a-f]{12}$/);
    expect(folders[1]).toBe('demo');
    const demoAudit = readFileSync(path.join(dataRoot, 'workspaces', 'demo', 'live', 'release-log.jsonl'), 'utf8');
    const canaryAudit = readFileSync(path.join(dataRoot, 'workspaces', folders[0]!, 'live', 'release-log.jsonl'), 'utf8');
    expect(demoAudit).toContain(demo.workspace.name);
    expect(demoAudit).not.toContain(canary.workspace.name);
    expect(canaryAudit).toContain(canary.workspace.name);
    expect(canaryAudit).not.toContain(demo.workspace.name);
    expect(existsSync(path.join(dataRoot, 'live'))).toBe(false);
  });

  it('keeps a rehearsal in its own folder beside the live one', async () => {
    const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'rc-data-root-'));
    const rehearsal = await createConsole({ dataRoot, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } });
    await rehearsal.host.close();
    expect(readdirSync(path.join(dataRoot, 'workspaces', 'demo'))).toEqual(['rehearsals']);
    expect(readdirSync(path.join(dataRoot, 'workspaces', 'demo', 'rehearsals'))).toEqual(['20260319T105500Z']);
  });
});
