import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMoto, type Moto } from '../metrics/moto';
import { createDesk, storeFor, type Desk } from './desks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'out', 'cli', 'cli.mjs');
const run = promisify(execFile);

let moto: Moto;
let admin: Desk;
let home: string;

beforeAll(async () => {
  moto = await startMoto();
  admin = await createDesk(moto.url, 'release-admin', storeFor('unused', moto.url));
  home = mkdtempSync(path.join(os.tmpdir(), 'rc-store-init-'));
  // The CLI reads the store profile from the user's AWS config, as the AWS CLI does: give it one.
  writeFileSync(path.join(home, 'config'), '[profile release-store]\nregion = us-east-1\n');
  writeFileSync(path.join(home, 'credentials'), `[release-store]\naws_access_key_id = ${admin.credentials.accessKeyId}\naws_secret_access_key = ${admin.credentials.secretAccessKey}\n`);
}, 90_000);

afterAll(async () => {
  admin?.clients.destroy();
  await moto?.stop();
});

function workspace(sharedStore: string | null): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-ws-'));
  writeFileSync(path.join(dir, 'workspace.yaml'), `name: team-demo\n${sharedStore ?? ''}`);
  writeFileSync(path.join(dir, 'regions.yaml'), 'regions:\n  - { id: EUW2, name: Europe (London), awsRegion: eu-west-2, profile: test, zone: Europe/London }\n');
  writeFileSync(path.join(dir, 'releases.yaml'), 'releaseTypes:\n  - { id: product, title: Product release }\n');
  return dir;
}

async function storeInit(dir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_CONFIG_FILE: path.join(home, 'config'), AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials') };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) delete env[name];
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, 'store', 'init', '--workspace', dir], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('release-console store init', () => {
  test('creates the table the workspace names, with its key and TTL, as the profile’s identity; a second run changes nothing', async () => {
    const dir = workspace(`sharedStore:\n  table: team-log\n  profile: release-store\n  region: us-east-1\n  endpoint: ${moto.url}\n`);
    const first = await storeInit(dir);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Created table team-log in us-east-1 .* as arn:aws:iam::[0-9]{12}:user\/release-admin \(profile release-store\)\.\n$/) });
    const table = await admin.clients.dynamo.send(new DescribeTableCommand({ TableName: 'team-log' }));
    expect(table.Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'seq', KeyType: 'RANGE' },
    ]);
    expect(table.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const ttl = await admin.clients.dynamo.send(new DescribeTimeToLiveCommand({ TableName: 'team-log' }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    expect(await storeInit(dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Checked existing table team-log/) });
  }, 60_000);

  test('a workspace without a sharedStore is bad input that says what to add', async () => {
    expect(await storeInit(workspace(null))).toMatchObject({ code: 2, stderr: expect.stringMatching(/has no sharedStore; add one \(table, profile, region\)/) });
  }, 30_000);

  test('a profile that does not exist is an AWS failure naming the table, region and profile', async () => {
    const dir = workspace(`sharedStore:\n  table: team-log\n  profile: nobody\n  region: us-east-1\n  endpoint: ${moto.url}\n`);
    expect(await storeInit(dir)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^release-console store init: team-log in us-east-1 with profile nobody: .*nobody/m) });
  }, 30_000);
});
