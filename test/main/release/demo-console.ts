import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { Host } from '../../../main/host/host';

/**
 * The set-up the release tests that drive the demo tools share, in one place: the tools' environment (read by
 * a console's terminals when it starts, so set before any console opens) and the console each test opens,
 * closed after it so no pty outlives its test. Each call registers its hooks for the file it is called in;
 * the opening itself is ./console-calls's openConsole.
 */

/** The demo tools with no waits between their lines and without colour, so a transcript reads as text. */
const FULL_SPEED = { RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1' };

/** The demo tools at full speed for every test of the file, and as they were after it (its fork runs other files). */
export function demoToolsAtFullSpeed(): void {
  beforeAll(() => stubEnvs(FULL_SPEED));
  afterAll(() => {
    vi.unstubAllEnvs();
  });
}

/**
 * The demo tools at full speed with a state of each test's own, so what the regions run starts afresh in
 * every test; the environment is put back after it.
 */
export function demoToolsOfEachTest(held: { RELEASE_CONSOLE_DEMO_HANG?: string } = {}): void {
  beforeEach(() => {
    const state = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-demo-')), 'state');
    stubEnvs({ ...FULL_SPEED, RELEASE_CONSOLE_DEMO_STATE: state, ...held });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}

/**
 * The real demo tool held in each test on `hang` ("maintenance enable:S01@60s": that command waits 60 s,
 * still hearing signals), so a step is running while the test reaches for it; as demoToolsOfEachTest otherwise.
 */
export function holdDemoTool(hang: string): void {
  demoToolsOfEachTest({ RELEASE_CONSOLE_DEMO_HANG: hang });
}

export interface ConsoleOfEachTest {
  /** Closes `host` once the test ends, passed or failed; returns it. */
  closeAfter(host: Host): Host;
  /** Closes it now, as a test that closes the console under a running command does. */
  closeNow(): Promise<void>;
}

/**
 * The console a test opens, closed after it. Vitest runs after-each hooks last registered first, so call
 * this after holdDemoTool (the console closes before the environment is put back) and after registering a
 * file's own after-each that removes what the console wrote.
 */
export function consoleOfEachTest(): ConsoleOfEachTest {
  let open: Host | null = null;
  const closeNow = async () => {
    const host = open;
    open = null;
    await host?.close();
  };
  afterEach(closeNow);
  return {
    closeAfter(host) {
      open = host;
      return host;
    },
    closeNow,
  };
}
