import { z } from 'zod';

/**
 * Issue 19 item 5: the Slack channels a workspace posts its announcements to (seed 000's #rm-netops, seed
 * 001's #deployments). A channel names where its incoming-webhook URL lives, never the URL: the URL is a
 * secret that lets anyone post as the team, and a workspace folder is shared and committed.
 */

/** Anything that reads as a URL or a Slack webhook path: it must not be written into workspace YAML. */
const LOOKS_LIKE_URL = /:\/\/|hooks\.slack\.com|^\/?services\//i;
const NOT_A_URL = 'names where the webhook URL is kept, never the URL itself (a webhook URL is a secret: keep it in an environment variable or the desktop app\'s keychain)';

/** An environment variable's name, as POSIX shells accept them. */
const EnvName = z
  .string()
  .refine((v) => !LOOKS_LIKE_URL.test(v), NOT_A_URL)
  .pipe(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name, like RC_SLACK_RM_NETOPS'));

/** The keychain entry's name: the file it is kept in under the data folder is named by it. */
const KeychainEntry = z
  .string()
  .refine((v) => !LOOKS_LIKE_URL.test(v), NOT_A_URL)
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a keychain entry name in lower-case letters, digits and dashes, like rm-netops'));

export const WebhookSource = z.union([z.strictObject({ env: EnvName }), z.strictObject({ keychain: KeychainEntry })], {
  error: 'where the webhook URL is kept: { env: VARIABLE_NAME } or { keychain: entry-name }',
});
export type WebhookSource = z.infer<typeof WebhookSource>;

export const SlackChannel = z.strictObject({
  /** The channel as people say it, "#rm-netops". */
  channel: z.string().regex(/^#[a-z0-9][a-z0-9._-]{0,79}$/, 'a Slack channel name with its "#", in lower case, like #rm-netops'),
  webhook: WebhookSource,
  /** Who may post to it; absent: anyone in a declared role. */
  roles: z.array(z.string().min(1)).optional(),
});
export type SlackChannel = z.infer<typeof SlackChannel>;

export const Announcements = z.strictObject({
  /**
   * How a Jira ticket id becomes a link: "https://jira.example.com/browse/{ticket}". Its host must be in
   * `externalLinks` for the link to be shown or posted.
   */
  ticketUrl: z
    .string()
    .regex(/^https:\/\/[^\s{}]+\{ticket\}[^\s{}]*$/, 'an https URL with "{ticket}" where the ticket id goes, like https://jira.example.com/browse/{ticket}')
    .optional(),
  slack: z.array(SlackChannel).default([]),
});
export type Announcements = z.infer<typeof Announcements>;

/** Where a channel's webhook is read from, as the settings screen says it. */
export function describeWebhookSource(source: WebhookSource): string {
  return 'env' in source ? `environment variable ${source.env}` : `keychain entry "${source.keychain}"`;
}

/** Slack's incoming webhook answers 200 "ok"; anything else (400 invalid_payload, 404 no_service, 500) did not post. */
export function postSucceeded(answer: { status: number | null; error: string | null }): boolean {
  return answer.error === null && answer.status !== null && answer.status >= 200 && answer.status < 300;
}
