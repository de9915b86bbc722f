import { describe, expect, it } from 'vitest';
import { RECENT_LIMIT, startScreenPrompt, startupChoice, withRecent, workspaceErrorPrompt } from '../../../main/electron/workspace-choice';

describe('the recent workspace list', () => {
  it('puts an opened folder first, once', () => {
    expect(withRecent(['/a', '/b', '/c'], '/b')).toEqual(['/b', '/a', '/c']);
    expect(withRecent([], '/a')).toEqual(['/a']);
  });

  it(`keeps the ${RECENT_LIMIT} most recent`, () => {
    const many = Array.from({ length: RECENT_LIMIT }, (_, i) => `/w${i}`);
    const next = withRecent(many, '/new');
    expect(next).toHaveLength(RECENT_LIMIT);
    expect(next[0]).toBe('/new');
    expect(next).not.toContain(`/w${RECENT_LIMIT - 1}`);
  });
});

describe('which workspace the desktop app opens', () => {
  const there = new Set(['/home/pe/rt']);
  const exists = (dir: string) => there.has(dir);
  it.each([
    ['the demo on a first start', undefined, undefined, { kind: 'demo' }],
    ['the last folder when it is still there', undefined, { kind: 'dir', dir: '/home/pe/rt' }, { kind: 'open', dir: '/home/pe/rt' }],
    ['the start screen naming a last folder that is gone', undefined, { kind: 'dir', dir: '/mnt/usb/rt' }, { kind: 'startScreen', missing: '/mnt/usb/rt' }],
    ['the start screen when the person closed the workspace', undefined, { kind: 'closed' }, { kind: 'startScreen', missing: null }],
    ['the demo when it was open last', undefined, { kind: 'demo' }, { kind: 'demo' }],
    ['RELEASE_CONSOLE_WORKSPACE over everything, even a missing folder', '/nowhere', { kind: 'dir', dir: '/home/pe/rt' }, { kind: 'open', dir: '/nowhere' }],
  ] as const)('%s', (_name, envWorkspace, last, expected) => {
    expect(startupChoice({ envWorkspace, last, exists })).toEqual(expected);
  });
});

describe('the start screen', () => {
  it('says which workspace is missing and offers the File menu choices, Quit last', () => {
    const prompt = startScreenPrompt({ missing: '/mnt/usb/rt', recent: ['/mnt/usb/rt', '/home/pe/cai', '/home/pe/rt'] });
    expect(prompt.message).toBe('The last workspace cannot be found: /mnt/usb/rt');
    expect(prompt.buttons.map((b) => b.label)).toEqual(['Open Workspace…', 'Open /home/pe/cai', 'Open /home/pe/rt', 'Open the Demo', 'Quit']);
    expect(prompt.buttons.at(-1)!.action).toEqual({ kind: 'quit' });
    expect(prompt.errors).toEqual([]);
    expect(prompt.buttons[1]!.action).toEqual({ kind: 'openRecent', dir: '/home/pe/cai' });
  });

  it('after a close says no workspace is open', () => {
    const prompt = startScreenPrompt({ missing: null, recent: [] });
    expect(prompt.message).toBe('No workspace is open.');
    expect(prompt.buttons.map((b) => b.action.kind)).toEqual(['openWorkspace', 'demo', 'quit']);
  });
});

describe('the workspace error window', () => {
  it('lists every file:line:column and offers Reload first', () => {
    const lines = ['rules.yaml:12:7: "Europe/Londn" is not an IANA time zone', 'runbooks/production-rollout.yaml:40:15: unknown command "deploy-aply"'];
    const prompt = workspaceErrorPrompt({ dir: '/home/pe/rt', lines });
    expect(prompt.message).toBe('The workspace /home/pe/rt could not be loaded.');
    expect(prompt.errors).toEqual(lines);
    expect(prompt.detail).toBe('Fix the files and press Reload.');
    expect(prompt.buttons[0]).toEqual({ label: 'Reload', action: { kind: 'reload', dir: '/home/pe/rt' } });
    expect(prompt.buttons.at(-1)!.label).toBe('Quit');
  });
});
