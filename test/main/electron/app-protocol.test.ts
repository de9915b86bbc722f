// The app:// protocol the Electron window loads from: only files of the renderer bundle, never a path
// outside it, every page with the strict CSP.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appProtocolResponse } from '../../../main/electron/app-protocol';

let root = '';

beforeAll(() => {
  // <tmp>/secret.txt sits next to the bundle <tmp>/bundle/: the file every traversal below aims at.
  const base = mkdtempSync(path.join(os.tmpdir(), 'rc-app-protocol-'));
  writeFileSync(path.join(base, 'secret.txt'), 'aws_secret_access_key=never');
  root = path.join(base, 'bundle');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Release Console</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
});

describe('app:// protocol', () => {
  it('serves the bundle with the strict CSP', async () => {
    const res = await appProtocolResponse(root, 'app://console/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Release Console');
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await appProtocolResponse(root, 'app://console/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it.each([
    'app://x/../../secret.txt',
    'app://console/../secret.txt',
    'app://console/%2e%2e/secret.txt',
    'app://console/%2E%2E%2Fsecret.txt',
    'app://console/assets/..%2f..%2fsecret.txt',
    'app://console/..%5csecret.txt',
    'app://console/%2fetc%2fpasswd',
    'app://console//etc/passwd',
    `app://console/${encodeURIComponent(path.join(root, '..', 'secret.txt'))}`,
    'app://console/index.html%00.js',
    'app://console/%00',
    'app://console/%E0%A4%A',
    'app://evil/index.html',
    'app://user:pass@console/index.html',
    'file:///etc/passwd',
    'https://console/index.html',
    'not a url',
  ])('refuses %s with 404', async (url) => {
    const res = await appProtocolResponse(root, url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('aws_secret');
  });

  it('refuses a folder', async () => {
    expect((await appProtocolResponse(root, 'app://console/assets')).status).toBe(404);
  });
});
