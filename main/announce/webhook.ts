import { describeWebhookSource, type WebhookSource } from '../../shared/announce/channels';
import type { WebhookKeychain } from './keychain';

/**
 * How long a post waits for Slack's answer. Slack answers a webhook in well under a second; ten seconds
 * covers a slow proxy, and a post still unanswered then is shown as failed, to be retried by hand.
 */
export const SLACK_TIMEOUT_MS = 10_000;

export type WebhookLookup = { url: string } | { problem: string };

/** Where the channel's webhook URL is, or why there is none, in words that never contain a URL. */
export async function lookUpWebhook(source: WebhookSource, env: Readonly<Record<string, string | undefined>>, keychain: WebhookKeychain | null): Promise<WebhookLookup> {
  let url: string | null | undefined;
  if ('env' in source) {
    url = env[source.env];
    if (!url) return { problem: `No webhook URL: the ${describeWebhookSource(source)} is not set where the console was started.` };
  } else {
    if (!keychain) return { problem: `No webhook URL: keychain entries are kept by the desktop app; in browser mode a channel's webhook comes from an environment variable only.` };
    url = await keychain.read(source.keychain);
    if (!url) return { problem: `No webhook URL: the ${describeWebhookSource(source)} is empty; set it under Slack webhooks.` };
  }
  return isWebhookUrl(url) ? { url } : { problem: `The ${describeWebhookSource(source)} does not hold an https URL (plain http only to this machine).` };
}

/**
 * https, or plain http only to this machine (a local relay, a test's Slack): the URL is the secret, and
 * plain http would show it to every hop on the way.
 */
export function isWebhookUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface SlackAnswer {
  status: number | null;
  error: string | null;
}

/**
 * POSTs Slack's incoming-webhook JSON. The answer is the HTTP status, or why there was none; its words are
 * built here and never taken from the error, whose message can quote the URL.
 */
export async function postToWebhook(url: string, payload: { text: string }, timeoutMs = SLACK_TIMEOUT_MS): Promise<SlackAnswer> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    // Slack names the failure in its body ("invalid_payload", "no_service"); a short word, kept if it is one.
    const body = (await response.text().catch(() => '')).trim();
    if (response.ok) return { status: response.status, error: null };
    const word = /^[a-z_]{1,60}$/.test(body) ? `: ${body}` : '';
    return { status: response.status, error: `Slack answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${word}` };
  } catch (error) {
    if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { status: null, error: `No answer from Slack within ${timeoutMs / 1000} s` };
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    return { status: null, error: `Could not reach Slack${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : ''}` };
  }
}
