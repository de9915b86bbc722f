// Issue 19 item 5: Jira ticket ids and diff URLs in an announcement are links only through the workspace's
// externalLinks allowlist; the screen and the Slack post cut the text the same way.
import { describe, expect, it } from 'vitest';
import { messageSegments, referenceLines, slackText, type LinkRules } from '../../../shared/announce/links';

const RULES: LinkRules = { allowedHosts: ['jira.example.com', 'git.example.com'], ticketUrl: 'https://jira.example.com/browse/{ticket}', tickets: ['RT-5521', 'PLAT-881'] };
const DIFF = 'https://git.example.com/rt/media-gateway/compare/4.12.0...4.13.0';

describe('links in an announcement', () => {
  it.each([
    ['a ticket the release names', 'Tickets: RT-5521', [{ text: 'Tickets: ' }, { text: 'RT-5521', href: 'https://jira.example.com/browse/RT-5521' }]],
    ['a handover id, which looks like a ticket and is not one', 'Service: HO-1234', [{ text: 'Service: HO-1234' }]],
    ['a diff on an allowed host, without the full stop after it', `See ${DIFF}.`, [{ text: 'See ' }, { text: DIFF, href: DIFF }, { text: '.' }]],
    ['a URL on a host not in externalLinks', 'See https://evil.example.net/x', [{ text: 'See https://evil.example.net/x' }]],
    ['a URL with credentials in it', 'See https://user:pw@git.example.com/x', [{ text: 'See https://user:pw@git.example.com/x' }]],
  ])('%s', (_name, text, segments) => {
    expect(messageSegments(text, RULES)).toEqual(segments);
    expect(messageSegments(text, RULES).map((s) => s.text).join('')).toBe(text);
  });

  it('leaves tickets as text when the workspace gives no ticket link or its host is not allowed', () => {
    expect(messageSegments('RT-5521', { ...RULES, ticketUrl: undefined })).toEqual([{ text: 'RT-5521' }]);
    expect(messageSegments('RT-5521', { ...RULES, allowedHosts: ['git.example.com'] })).toEqual([{ text: 'RT-5521' }]);
  });

  it("writes allowed links in Slack's <url|text> syntax and escapes &, < and > everywhere else", () => {
    expect(slackText(`RT-5521 & PLAT-881 <now> ${DIFF} https://evil.example.net/?a=1&b=2`, RULES)).toBe(
      `<https://jira.example.com/browse/RT-5521|RT-5521> &amp; <https://jira.example.com/browse/PLAT-881|PLAT-881> &lt;now&gt; <${DIFF}> https://evil.example.net/?a=1&amp;b=2`,
    );
  });

  it("lists the handovers' tickets once each and every package's diff", () => {
    const lines = referenceLines([
      { id: 'HO-1234', tickets: ['RT-5521', 'PLAT-881'], packages: [{ name: 'rt-media-gateway', diffUrl: DIFF }, { name: 'no-diff' }] },
      { id: 'HO-1240', tickets: ['RT-5521'], packages: [] },
    ]);
    expect(lines).toEqual(['Tickets: RT-5521, PLAT-881', 'Changes:', `  HO-1234 rt-media-gateway: ${DIFF}`]);
  });
});
