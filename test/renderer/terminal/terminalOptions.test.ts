import { describe, expect, it } from 'vitest';
import { linkHandler, openableLink, terminalOptions } from '../../../renderer/views/terminal/terminalOptions';

describe("the console's xterm.js options", () => {
  it.each([
    ['javascript:document.title="pwned"'],
    ['JavaScript:alert(1)'],
    [' javascript:alert(1)'],
    ['file:///etc/passwd'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox'],
    ['ssh://prod-bastion'],
    ['//evil.example/path'],
    ['not a url'],
  ])('never opens %j', (uri) => {
    expect(openableLink(uri)).toBeNull();
  });

  it('opens http(s) links as their normalised href', () => {
    expect(openableLink('https://jira.example.com/browse/QA-991')).toBe('https://jira.example.com/browse/QA-991');
    expect(openableLink('HTTP://Example.com')).toBe('http://example.com/');
  });

  it('offers OSC 8 hyperlinks only for http(s), through the console handler rather than xterm.js confirm()-and-open', () => {
    for (const readOnly of [true, false]) {
      const options = terminalOptions(readOnly);
      expect(options.linkHandler).toBe(linkHandler);
      expect(options.linkHandler?.allowNonHttpProtocols).toBe(false);
      expect(options.disableStdin).toBe(readOnly);
    }
  });
});
