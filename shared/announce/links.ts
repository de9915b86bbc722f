import { isAllowedExternalLink } from '../workspace/externalLinks';

/**
 * Issue 19 item 5: Jira ticket ids and diff URLs in an announcement are links, but only to hosts the
 * workspace lists under `externalLinks` (the one allowlist the console opens links by). The screen and the
 * Slack post read the same segments, so what is a link on one is a link on the other.
 */

export type MessageSegment = { text: string; href?: undefined } | { text: string; href: string };

export interface LinkRules {
  /** The workspace's `externalLinks` hosts. */
  allowedHosts: readonly string[];
  /** `announcements.ticketUrl`, "https://jira.example.com/browse/{ticket}"; absent: ticket ids stay text. */
  ticketUrl?: string | undefined;
  /** The ticket ids the release's handovers name: only these are tickets (HO-1234 looks like one and is not). */
  tickets: readonly string[];
}

const URL_OR_WORD = /https?:\/\/[^\s<>|]+|[A-Z][A-Z0-9]*-[0-9]+/g;
/** Sentence punctuation after a URL is the sentence's, not the link's. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]]+$/;

/** The text cut into plain runs and links, in order; joined, the segments' text is the message unchanged. */
export function messageSegments(message: string, rules: LinkRules): MessageSegment[] {
  const segments: MessageSegment[] = [];
  let plain = '';
  let last = 0;
  for (const match of message.matchAll(URL_OR_WORD)) {
    const token = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = linkFor(token, rules);
    if (href === null) continue;
    plain += message.slice(last, match.index);
    if (plain) segments.push({ text: plain });
    plain = '';
    segments.push({ text: token, href });
    last = match.index + token.length;
  }
  plain += message.slice(last);
  if (plain) segments.push({ text: plain });
  return segments;
}

function linkFor(token: string, rules: LinkRules): string | null {
  if (/^https?:\/\//.test(token)) return isAllowedExternalLink(token, rules.allowedHosts) ? token : null;
  // A ticket id only when the release names it, and its page only on an allowed host.
  if (!rules.ticketUrl || !rules.tickets.includes(token)) return null;
  const href = rules.ticketUrl.replace('{ticket}', encodeURIComponent(token));
  return isAllowedExternalLink(href, rules.allowedHosts) ? href : null;
}

/**
 * Slack's mrkdwn for the message: `&`, `<` and `>` escaped as Slack asks, allowed links as `<url|text>`.
 * A link to any other host is posted as escaped text (Slack may still show it as a link: it is not ours to stop).
 */
export function slackText(message: string, rules: LinkRules): string {
  return messageSegments(message, rules)
    .map((s) => (s.href === undefined ? escapeSlack(s.text) : s.href === s.text ? `<${escapeSlack(s.href)}>` : `<${escapeSlack(s.href)}|${escapeSlack(s.text)}>`))
    .join('');
}

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a post adds to the announcement text: the handovers' tickets and diffs, so a reader in the channel can follow them. */
export function referenceLines(handovers: readonly { id: string; tickets: readonly string[]; packages: readonly { name: string; diffUrl?: string | undefined }[] }[]): string[] {
  const tickets = [...new Set(handovers.flatMap((h) => h.tickets))];
  const diffs = handovers.flatMap((h) => h.packages.flatMap((p) => (p.diffUrl ? [`  ${h.id} ${p.name}: ${p.diffUrl}`] : [])));
  return [...(tickets.length ? [`Tickets: ${tickets.join(', ')}`] : []), ...(diffs.length ? ['Changes:', ...diffs] : [])];
}
