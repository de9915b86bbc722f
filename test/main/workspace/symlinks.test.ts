// Issue 16: symlinks in a workspace. A link is followed, files and folders alike, when it resolves inside
// the workspace folder; one that resolves outside is refused at load with its path. Real links in a temp dir.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../../main/workspace/load';

const minimal = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/workspaces/minimal');

let scratch: string;
let ws: string;
let outside: string;
beforeEach(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'rc-symlinks-'));
  ws = path.join(scratch, 'workspace');
  outside = path.join(scratch, 'elsewhere');
  cpSync(minimal, ws, { recursive: true });
  mkdirSync(outside);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Moves a workspace path to `to` and leaves a symlink to it in its place. */
function moveAndLink(relative: string, to: string, linkText: (target: string) => string = (target) => target): void {
  mkdirSync(path.dirname(to), { recursive: true });
  renameSync(path.join(ws, relative), to);
  symlinkSync(linkText(to), path.join(ws, relative));
}

function messages(result: Awaited<ReturnType<typeof loadWorkspace>>): string[] {
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}

describe('symlinks in a workspace', () => {
  test('the untouched copy loads (the cases below change only the link)', async () => {
    const result = await loadWorkspace(ws);
    expect(messages(result)).toEqual([]);
    expect(result.ok && result.workspace.runbooks.map((r) => r.id)).toEqual(['rollout']);
  });

  test.each([
    ['a runbooks/ folder linked to a folder outside', 'runbooks', () => path.join(outside, 'runbooks')],
    ['a top-level YAML file linked to a file outside', 'releases.yaml', () => path.join(outside, 'releases.yaml')],
    ['a runbook linked to a file outside', 'runbooks/rollout.yaml', () => path.join(outside, 'rollout.yaml')],
  ])('refuses %s, naming the path and where it leads', async (_what, relative, target) => {
    moveAndLink(relative, target());
    const result = await loadWorkspace(ws);
    expect(messages(result)).toEqual([`${relative}:1:1: ${relative} resolves to ${target()}, outside the workspace folder ${ws}; a workspace may only link to files inside it.`]);
  });

  test('refuses a link inside that leads to a second link pointing outside', async () => {
    moveAndLink('regions.yaml', path.join(outside, 'regions.yaml'));
    renameSync(path.join(ws, 'regions.yaml'), path.join(ws, 'regions.link'));
    symlinkSync('regions.link', path.join(ws, 'regions.yaml'));
    expect(messages(await loadWorkspace(ws))).toEqual([expect.stringMatching(/^regions\.yaml:1:1: regions\.yaml resolves to .*elsewhere\/regions\.yaml, outside the workspace folder/)]);
  });

  test('refuses a relative link that climbs out with ..', async () => {
    moveAndLink('rules.yaml', path.join(outside, 'rules.yaml'), () => '../elsewhere/rules.yaml');
    expect(messages(await loadWorkspace(ws))).toEqual([expect.stringMatching(/^rules\.yaml:1:1: rules\.yaml resolves to .*elsewhere\/rules\.yaml, outside the workspace folder/)]);
  });

  test('says so when a link leads nowhere', async () => {
    symlinkSync(path.join(outside, 'missing.yaml'), path.join(ws, 'metrics.yaml'));
    expect(messages(await loadWorkspace(ws))).toEqual([`metrics.yaml:1:1: metrics.yaml is a symbolic link to ${path.join(outside, 'missing.yaml')}, which does not exist.`]);
  });

  test.each([
    ['a top-level YAML file linked to a file inside', 'releases.yaml', 'shared/releases.yaml', 'relative'],
    ['a runbook linked to a file inside', 'runbooks/rollout.yaml', 'library/rollout.yaml', 'relative'],
    ['a runbooks/ folder linked to a folder inside', 'runbooks', 'library/runbooks', 'absolute'],
  ])('follows %s', async (_what, relative, inside, kind) => {
    const target = path.join(ws, inside);
    moveAndLink(relative, target, kind === 'relative' ? (t) => path.relative(path.dirname(path.join(ws, relative)), t) : undefined);
    const result = await loadWorkspace(ws);
    expect(messages(result)).toEqual([]);
    expect(result.ok && result.workspace.runbooks.map((r) => r.id)).toEqual(['rollout']);
    expect(result.ok && result.workspace.releaseTypes.map((t) => t.id)).toEqual(['product']);
  });

  test('loads a workspace folder that is itself reached through a link', async () => {
    symlinkSync(ws, path.join(scratch, 'linked-workspace'));
    expect(messages(await loadWorkspace(path.join(scratch, 'linked-workspace')))).toEqual([]);
  });
});
