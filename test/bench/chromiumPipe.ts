// Debian's Chromium driven over the DevTools protocol on a pipe, with only the domains a benchmark
// needs. Playwright enables the Network domain on every page, so Chromium copies each WebSocket frame
// the page receives into a DevTools event for the test process: for a terminal flood that is the whole
// stream serialised, sent and parsed a second time, on a 2-core machine a cost larger than the one being
// measured (and one no user pays). This client never enables Network.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Pending {
  resolve(result: unknown): void;
  reject(error: Error): void;
  method: string;
}

export class ChromiumPage {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private sessionId = '';
  private readonly eventListeners = new Set<(method: string, params: unknown) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly toBrowser: Writable,
    private readonly profileDir: string,
  ) {}

  /** Starts Chromium at `url` in a `width`×`height` window and attaches to its page. */
  static async open(url: string, width: number, height: number): Promise<ChromiumPage> {
    const profileDir = mkdtempSync(path.join(os.tmpdir(), 'rc-bench-chromium-'));
    const child = spawn('/usr/bin/chromium', [...CHROMIUM_ARGS, '--remote-debugging-pipe', `--user-data-dir=${profileDir}`, `--window-size=${width},${height}`, url], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    });
    const page = new ChromiumPage(child, child.stdio[3] as Writable, profileDir);
    page.listen(child.stdio[4] as Readable);
    child.once('exit', (code, signal) => page.failAll(new Error(`Chromium exited (${code ?? signal})`)));
    let target: { targetId: string; type: string } | undefined;
    for (const deadline = Date.now() + 20_000; !target && Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const { targetInfos } = (await page.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
      target = targetInfos.find((t) => t.type === 'page');
    }
    if (!target) throw new Error('Chromium opened no page within 20 s');
    const { sessionId } = (await page.send('Target.attachToTarget', { targetId: target.targetId, flatten: true })) as { sessionId: string };
    page.sessionId = sessionId;
    return page;
  }

  /** A DevTools command to the page (or, before attaching, to the browser). */
  send(method: string, params: object = {}): Promise<unknown> {
    return this.sendTo(this.sessionId, method, params);
  }

  /** A DevTools command to the browser itself (Tracing records every process, not one page). */
  sendToBrowser(method: string, params: object = {}): Promise<unknown> {
    return this.sendTo('', method, params);
  }

  /** Calls `listener` with every DevTools event (a message without an id); returns its removal. */
  onEvent(listener: (method: string, params: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  private sendTo(sessionId: string, method: string, params: object): Promise<unknown> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.toBrowser.write(`${message}\0`);
    });
  }

  /** Evaluates `expression` in the page, awaiting a promise it returns; its value comes back as JSON. */
  async evaluate<T = unknown>(expression: string): Promise<T> {
    const result = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
      result: { value?: T };
      exceptionDetails?: { exception?: { description?: string }; text: string };
    };
    if (result.exceptionDetails) throw new Error(`in the page: ${result.exceptionDetails.exception?.description ?? result.exceptionDetails.text}`);
    return result.result.value as T;
  }

  /** Polls `expression` until it is truthy (the page may still be loading: errors count as not yet). */
  async until(expression: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await this.evaluate(expression).catch(() => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
  }

  /** Types into the focused element as a user's text input would arrive. */
  async type(text: string): Promise<void> {
    await this.send('Input.insertText', { text });
  }

  async pressEnter(): Promise<void> {
    const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
    await this.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...key });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.sessionId = '';
    await this.send('Browser.close').catch(() => undefined);
    await exited;
    rmSync(this.profileDir, { recursive: true, force: true });
  }

  private listen(fromBrowser: Readable): void {
    let buffered = '';
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (text: string) => {
      buffered += text;
      let end: number;
      while ((end = buffered.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffered.slice(0, end)) as { id?: number; method?: string; params?: unknown; result?: unknown; error?: { message: string } };
        buffered = buffered.slice(end + 1);
        if (message.id === undefined && message.method !== undefined) for (const listener of this.eventListeners) listener(message.method, message.params);
        const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
        if (!waiting) continue;
        this.pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(`${waiting.method}: ${message.error.message}`));
        else waiting.resolve(message.result);
      }
    });
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
