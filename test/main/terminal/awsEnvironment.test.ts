import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { Result, TerminalReplay } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import { neutraliseEscapes } from '../../../shared/terminal/neutralise';
import type { Host } from '../../../main/host/host';
import { until } from '../until';

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

  async function envOfRegionShell(options: { rehearsalStart?: number }, regionId: string | null = 'USE2'): Promise<string> {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-aws-env-'));
    ({ host } = await createConsole({ dataDir, ...options }));
    const output: string[] = [];
    const stop = host.onEvent((event, payload) => {
      if (event === 'terminalOutput') output.push((payload as { data: string }).data);
    });
    const opened = (await host.invoke('openTerminal', { regionId, cols: 120, rows: 30 }, context)) as Result<TerminalReplay>;
    if (!opened.ok) throw new Error(opened.error.message);
    const sessionId = opened.value.info.sessionId;
    // Typed at the shell's prompt, as a person does: typed ahead of it, /bin/sh (CI has no $SHELL) prints its
    // prompt after the echoed line, and the listing's first line lands on the prompt's line ("$ AWS_CA_BUNDLE=…").
    await until("the shell's prompt", () => neutraliseEscapes(opened.value.replay + output.join('')), (shown) => /[$#>] $/.test(shown), 20_000);
    await host.invoke('writeTerminal', { sessionId, data: "env | grep -E '^(AWS_|RELEASE_CONSOLE_REGION)' | sort; echo \"env\"\"-listed\"\n" }, context);
    await until('the listing', () => output.join(''), (shown) => shown.includes('env-listed\r\n'), 20_000);
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

  describe('when the console itself is signed in to AWS', () => {
    /** Every variable through which an SDK or the CLI finds credentials, set in the console's own environment. */
    const SIGNED_IN = {
      AWS_ACCESS_KEY_ID: 'AKIAOPERATORKEY00001',
      AWS_SECRET_ACCESS_KEY: 'operator-secret-access-key',
      AWS_SESSION_TOKEN: 'operator-session-token',
      AWS_SECURITY_TOKEN: 'operator-security-token',
      AWS_PROFILE: 'operator-prod',
      AWS_DEFAULT_PROFILE: 'operator-prod',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/token',
      AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/prod-deployer',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/operator',
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://169.254.170.23/v1/credentials',
      AWS_SHARED_CREDENTIALS_FILE: '/home/operator/.aws/credentials',
      AWS_CONFIG_FILE: '/home/operator/.aws/config',
    };
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it.each([
      { shell: 'a region shell', regionId: 'USE2' },
      { shell: 'a free shell', regionId: null },
    ])('gives $shell in a rehearsal none of the credentials, and points the credential files at nothing', async ({ regionId }) => {
      // Only the console's own AWS_ variables count: a machine may set others (CI sets AWS_CA_BUNDLE).
      for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) vi.stubEnv(name, undefined);
      // A CA bundle is how the shell trusts a proxy, not a credential: it stays.
      stubEnvs({ ...SIGNED_IN, AWS_CA_BUNDLE: '/etc/ssl/certs/corporate.pem' });
      const env = await envOfRegionShell({ rehearsalStart: Date.parse('2026-03-19T10:55:00Z') }, regionId);
      expect(env).toContain('env-listed');
      // Bash may end its bracketed-paste mode (ESC[?2004l CR) just before the first line of output.
      const lines = neutraliseEscapes(env).split('\n');
      const listed = lines.filter((line) => line.startsWith('AWS_'));
      expect(listed.sort()).toEqual([
        'AWS_CA_BUNDLE=/etc/ssl/certs/corporate.pem',
        'AWS_CONFIG_FILE=/dev/null',
        'AWS_EC2_METADATA_DISABLED=true',
        'AWS_SHARED_CREDENTIALS_FILE=/dev/null',
      ]);
    });

    it('keeps them in a live console\'s free shell: only a rehearsal is kept away from production', async () => {
      stubEnvs(SIGNED_IN);
      const env = await envOfRegionShell({}, null);
      expect(env).toContain('AWS_SECRET_ACCESS_KEY=operator-secret-access-key\n');
      expect(env).toContain('AWS_PROFILE=operator-prod\n');
    });
  });
});
