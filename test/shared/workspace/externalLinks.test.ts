import { describe, expect, it } from 'vitest';
import { isAllowedExternalLink } from '../../../shared/workspace/externalLinks';
import { isAllowedExternalLink as electronPolicy } from '../../../main/electron/policy';

const HOSTS = ['jira.example.com', 'confluence.example.com'];

describe("the workspace's externalLinks allowlist", () => {
  it.each<[string, boolean]>([
    ['https://jira.example.com/browse/QA-991', true],
    ['http://confluence.example.com/x', true],
    ['https://JIRA.example.com/', true],
    ['https://intranet.example.org/secrets', false],
    ['https://jira.example.com.evil.example/', false],
    ['https://user:pass@jira.example.com/', false],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['not a url', false],
  ])('%s → %s', (url, allowed) => {
    expect(isAllowedExternalLink(url, HOSTS)).toBe(allowed);
  });

  it('is the one decision: the Electron shell asks the same function', () => {
    expect(electronPolicy).toBe(isAllowedExternalLink);
  });
});
