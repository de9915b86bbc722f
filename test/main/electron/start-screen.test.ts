import { describe, expect, it } from 'vitest';
import { START_SCREEN_URL, startScreenChoice, startScreenHtml } from '../../../main/electron/start-screen';
import { startScreenPrompt, workspaceErrorPrompt } from '../../../main/electron/workspace-choice';

const errors = workspaceErrorPrompt({
  dir: '/home/pe/<rt>',
  lines: ['regions.yaml:36:11: "Europe/Londn" is not an IANA time zone', 'runbooks/production-rollout.yaml:40:15: unknown command "deploy-aply"'],
});

describe('the start screen page', () => {
  it('lists each workspace error on its own line and offers Reload first, Quit last', () => {
    const html = startScreenHtml(errors);
    expect(html).toContain('<li>regions.yaml:36:11: &quot;Europe/Londn&quot; is not an IANA time zone</li>');
    expect(html).toContain('<li>runbooks/production-rollout.yaml:40:15: unknown command &quot;deploy-aply&quot;</li>');
    const links = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['/start/choose?i=0', 'Reload'],
      ['/start/choose?i=1', 'Open Workspace…'],
      ['/start/choose?i=2', 'Open the Demo'],
      ['/start/choose?i=3', 'Quit'],
    ]);
  });

  it('escapes what comes from the workspace and the file system, and has no script', () => {
    const html = startScreenHtml(workspaceErrorPrompt({ dir: '/tmp/"><script>alert(1)</script>', lines: ['a.yaml:1:1: <img src=x onerror=alert(1)>'] }));
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('shows no error list on the empty start screen', () => {
    const html = startScreenHtml(startScreenPrompt({ missing: '/mnt/usb/rt', recent: ['/home/pe/cai'] }));
    expect(html).not.toContain('class="errors"');
    expect(html).toContain('<h1>The last workspace cannot be found: /mnt/usb/rt</h1>');
    expect(html).toContain('>Open /home/pe/cai</a>');
  });
});

describe('which choice a followed link names', () => {
  it.each([
    [`${START_SCREEN_URL}/choose?i=0`, { kind: 'reload', dir: '/home/pe/<rt>' }],
    [`${START_SCREEN_URL}/choose?i=2`, { kind: 'demo' }],
    [`${START_SCREEN_URL}/choose?i=3`, { kind: 'quit' }],
  ])('%s → %j', (url, action) => {
    expect(startScreenChoice(url, errors)).toEqual(action);
  });

  it.each([
    ['a choice that does not exist', `${START_SCREEN_URL}/choose?i=9`],
    ['a negative index', `${START_SCREEN_URL}/choose?i=-1`],
    ['no index', `${START_SCREEN_URL}/choose`],
    ['another path', 'app://console/index.html?i=0'],
    ['another origin', 'https://evil.example/start/choose?i=0'],
    ['another app host', 'app://evil/start/choose?i=0'],
    ['not a URL', 'choose?i=0'],
  ])('ignores %s', (_name, url) => {
    expect(startScreenChoice(url, errors)).toBeNull();
  });

  it('ignores every link while no start screen is showing', () => {
    expect(startScreenChoice(`${START_SCREEN_URL}/choose?i=0`, null)).toBeNull();
  });
});
