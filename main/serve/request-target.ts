/**
 * A request target as HTTP/1.1 allows it (RFC 9112 §3.2): origin-form (`/path?query`) or absolute-form
 * (`http://host/path`). `new URL` throws on a broken one (`http://[broken/`); this answers null instead,
 * so the caller can refuse it with a 400 rather than let the throw take the server down.
 */
export function parseRequestTarget(target: string | undefined, origin: string): URL | null {
  if (target === undefined || target.length === 0) return null;
  // asterisk-form (OPTIONS *) and authority-form (CONNECT host:port) name no resource we serve.
  if (!target.startsWith('/') && !/^https?:\/\//i.test(target)) return null;
  try {
    return new URL(target, origin);
  } catch {
    return null;
  }
}
