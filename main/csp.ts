/**
 * The one Content-Security-Policy both adapters send. No inline or eval'd script anywhere; styles may be
 * inline because xterm.js and uPlot size their canvases through style attributes. `connect-src 'self'`
 * lets browser mode open its WebSocket to the origin that served the page (CSP Level 3 includes ws: for
 * 'self' on the same host and port).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
