import { CONTENT_SECURITY_POLICY } from '../csp';
import { readStaticFile } from '../static-files';
import { APP_HOST, APP_SCHEME } from './sender';

/**
 * Answers one `app://` request from the renderer bundle in `root`. Only app://console/… is served, and only
 * files inside the bundle: readStaticFile refuses `..`, `%2e%2e`, backslashes, absolute paths and NUL.
 * Every page carries the same CSP as browser mode.
 */
export async function appProtocolResponse(root: string, requestUrl: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const ours = url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  const file = ours ? await readStaticFile(root, url.pathname) : null;
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
