/**
 * Browser mode's page URL carries the per-run token once, so the response can set the HttpOnly cookie
 * that authorises everything after it. By the time this script runs that response has arrived, so the
 * token is taken out of the address bar and the history entry: it is not left on screen, in a
 * screenshot or a screen share, or in the browser's history, and a reload is authorised by the cookie.
 */
export function dropTokenFromAddressBar(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
