import { describe, expect, it } from 'vitest';
import { isWebhookUrl, lookUpWebhook } from '../../../main/announce/webhook';

describe('where a webhook may point', () => {
  it.each([
    ['https://hooks.slack.com/services/T0/B0/x', true],
    ['http://127.0.0.1:4000/services/T0/B0/x', true],
    ['http://localhost:4000/services/T0/B0/x', true],
    // Plain http to another host would show the secret to every hop.
    ['http://hooks.slack.com/services/T0/B0/x', false],
    ['https://user:pw@hooks.slack.com/services/T0/B0/x', false],
    ['file:///etc/passwd', false],
    ['hooks.slack.com/services/T0/B0/x', false],
  ])('%s: %s', (url, allowed) => {
    expect(isWebhookUrl(url)).toBe(allowed);
  });

  it('says what is wrong with a variable that holds no usable URL, without quoting it', async () => {
    const answer = await lookUpWebhook({ env: 'HOOK' }, { HOOK: 'http://hooks.slack.com/services/T0/B0/SECRET' }, null);
    expect(answer).toEqual({ problem: 'The environment variable HOOK does not hold an https URL (plain http only to this machine).' });
    expect(await lookUpWebhook({ keychain: 'rm-netops' }, {}, null)).toEqual({ problem: expect.stringMatching(/browser mode a channel's webhook comes from an environment variable only/) });
  });
});
