import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NO_AWS_CREDENTIALS, stubEnvs } from '../../stub-envs';
import { simulatedClock } from '../../../shared/clock';
import { alignDown } from '../../../shared/metrics/series';
import { cloudWatchClientFactory } from '../../../main/metrics/cloudwatch/client';
import { CloudWatchSource } from '../../../main/metrics/cloudwatch/source';
import { AUTH_BACKOFF_MS } from '../../../main/metrics/endpoint-status';
import { MetricsService } from '../../../main/metrics/service';
import { manualTimers } from '../../../main/metrics/timers';
import { putMetricData } from './cloudwatch-harness';
import { CRITERIA, METRICS, MINUTE, region } from './fixtures';
import { startMoto, type Moto } from './moto';

/** Keys only this file's temporary AWS config holds. */
const PROFILE_KEY = 'AKIAPROFILETEST00001';
const PROFILE_SECRET = 'profileSecretNeverShown0000000000000000000';

let moto: Moto;
let home: string;

beforeAll(async () => {
  home = mkdtempSync(path.join(tmpdir(), 'rc-aws-'));
  writeFileSync(
    path.join(home, 'config'),
    [
      '[profile rc-static]',
      'region = eu-west-2',
      '',
      '[profile rc-sso]',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'sso_role_name = ReadOnly',
      'region = eu-west-2',
      '',
      '[sso-session corp]',
      'sso_start_url = https://example.awsapps.com/start',
      'sso_region = eu-west-2',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(home, 'credentials'), ['[rc-static]', `aws_access_key_id = ${PROFILE_KEY}`, `aws_secret_access_key = ${PROFILE_SECRET}`, ''].join('\n'));
  stubEnvs({
    AWS_CONFIG_FILE: path.join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
    // The SSO token cache lives under ~/.aws/sso/cache: an empty home has none, as after it expired.
    HOME: home,
    ...NO_AWS_CREDENTIALS,
  });
  moto = await startMoto();
});

afterAll(async () => {
  await moto?.stop();
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

function serviceFor(profile: string, now: number) {
  const clock = simulatedClock(now);
  const source = new CloudWatchSource({ clientFor: cloudWatchClientFactory({ endpointUrl: moto.url }), sleep: async () => {} });
  const service = new MetricsService({ source, clock, timers: manualTimers(), regions: [region('EUW2', 'eu-west-2', profile)], metrics: METRICS, criteria: CRITERIA, historyMs: 30 * MINUTE });
  return { clock, service };
}

describe('credentials from the user’s AWS config', () => {
  it('polls with a named profile’s keys from the shared credentials file and never repeats them', async () => {
    const now = alignDown(Date.now(), MINUTE) - 3 * 60 * MINUTE;
    await putMetricData(moto.url, 'eu-west-2', 'ReleaseConsole/Test', [
      { MetricName: 'Requests', Dimensions: [{ Name: 'Region', Value: 'EUW2' }], Timestamp: new Date(now - 2 * MINUTE + 1_000), Value: 11, Unit: 'Count' },
    ]);
    const { service } = serviceFor('rc-static', now + 1_000);
    await service.poll();
    expect(service.endpointStatuses()[0]?.state).toBe('ok');
    expect(service.points('EUW2', 'requests')).toEqual([{ t: now - 2 * MINUTE, v: 11 }]);
    const everything = JSON.stringify(service.snapshot());
    expect(everything).not.toContain(PROFILE_KEY);
    expect(everything).not.toContain(PROFILE_SECRET);
  });

  it('says "run aws sso login --profile X" for an SSO profile without a valid session, and waits before trying again', async () => {
    const { service, clock } = serviceFor('rc-sso', Date.now());
    await service.poll();
    const [status] = service.endpointStatuses();
    expect(status?.message).toBe('The AWS SSO session for profile rc-sso has expired: run aws sso login --profile rc-sso');
    expect((status?.retryAtMs ?? 0) - clock.now()).toBe(AUTH_BACKOFF_MS);
    expect(service.checkHealthGate('EUW2', 5).healthy).toBe(false);
  });
});
