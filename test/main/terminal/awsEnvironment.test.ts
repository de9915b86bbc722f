import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, TerminalReplay } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';

/**
 * A PE's own `aws` commands in a region shell reach that region's account and region: the real console
 * on the demo workspace (USE2 is profile demo-prod-us in us-east-2), a real shell on a real pty.
 */
describe('a region shell\'s AWS environment', () => {
  let host: Host | null = null;
  let dataDir = '';
  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const context = { transport: 'browser' as const, connectionId: 'aws-env' };

  async function envOfRegionShell(options: { rehearsalStart?: number }): Promise<string> {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-aws-env-'));
    ({ host } = await createConsole({ dataDir, ...options }));
    const output: string[] = [];
    const stop = host.onEvent((event, payload) => {
      if (event === 'terminalOutput') output.push((payload as { data: string }).data);
    });
    const opened = (await host.invoke('openTerminal', { regionId: 'USE2', cols: 120, rows: 30 }, context)) as Result<TerminalReplay>;
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.info.sessionId;
    await host.invoke('writeTerminal', { sessionId, data: "env | grep -E '^(AWS_|RELEASE_CONSOLE_REGION)' | sort; echo \"env\"\"-listed\"\n" }, context);
    for (let i = 0; i < 500 && !output.join('').includes('env-listed\r\n'); i++) await new Promise((r) => setTimeout(r, 10));
    stop();
    return output.join('').replace(/\r\n/g, '\n');
  }

  it('shows the workspace\'s AWS_PROFILE and AWS_REGION for the region, outside rehearsals', async () => {
    const env = await envOfRegionShell({});
    expect(env).toContain('AWS_PROFILE=demo-prod-us\n');
    expect(env).toContain('AWS_REGION=us-east-2\n');
    expect(env).toContain('AWS_DEFAULT_REGION=us-east-2\n');
    expect(env).toContain('RELEASE_CONSOLE_REGION=USE2\n');
  });

  it('leaves them out in a rehearsal, which must not reach production with the workspace\'s profile', async () => {
    const env = await envOfRegionShell({ rehearsalStart: Date.parse('2026-03-19T10:55:00Z') });
    expect(env).toContain('RELEASE_CONSOLE_REGION=USE2\n');
    expect(env).not.toContain('AWS_PROFILE=demo-prod-us');
    expect(env).not.toContain('AWS_REGION=us-east-2');
  });
});
