// Browser mode in Chromium as an attacker would see it: the page has no Node, and its CSP is enforced —
// injected inline script, inline handlers and eval do not run.
import { test, expect } from './fixtures';

test('the page sees no require or process, and its CSP blocks inline script and eval', async ({ page, served }) => {
  const response = await page.goto(served.url);
  await expect(page.getByRole('status')).toHaveText('Connected');

  const csp = response!.headers()['content-security-policy'] ?? '';
  const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
  expect(scriptSrc).toBe("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');

  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    module: typeof (globalThis as { module?: unknown }).module,
    Buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
    // Browser mode talks over its WebSocket; no API object is left on window for a script to find.
    releaseConsole: typeof (globalThis as { releaseConsole?: unknown }).releaseConsole,
  }));
  expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', Buffer: 'undefined', releaseConsole: 'undefined' });

  const attempts = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    const w = window as unknown as Record<string, unknown>;
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.appendChild(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handlerRan = true');
    img.src = 'data:,not-an-image';
    document.body.appendChild(img);
    // A string timer is eval'd later by the page itself (evaluate's own code is exempt from CSP in DevTools).
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    script.remove();
    img.remove();
    return { inline: w['__inlineRan'] === true, handler: w['__handlerRan'] === true, eval: w['__evalRan'] === true, violations };
  });
  expect(attempts.inline).toBe(false);
  expect(attempts.handler).toBe(false);
  expect(attempts.eval).toBe(false);
  expect(attempts.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'script-src']));
});
