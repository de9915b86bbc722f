/**
 * Whether a link may be handed to the person's browser: http(s) only, no credentials in the URL, and the
 * host one the workspace lists under `externalLinks` (e.g. its Jira and Confluence). Everything else —
 * file:, javascript:, custom schemes, unknown hosts — stays unopened. The one decision for both modes:
 * Electron's window-open handler asks it in main, browser mode's terminal link handler in the page.
 */
export function isAllowedExternalLink(raw: string, allowedHosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}
