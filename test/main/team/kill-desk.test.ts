import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemClock } from '../../../shared/clock';
import { DynamoLog } from '../../../main/team/dynamo-log';
import { createStoreTable } from '../../../main/team/table';
import { startMoto, type Moto } from '../metrics/moto';
import { until } from '../until';
import { createDesk, storeFor, type Desk } from './desks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Inside the repository, so the bundle's external imports resolve from its node_modules. */
const bundle = path.join(root, 'out', 'test-team', 'desk-writer.mjs');

let moto: Moto;
let desks: Desk[];

beforeAll(async () => {
  await build({ entryPoints: [path.join(root, 'test/main/team/desk-writer.ts')], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  moto = await startMoto();
  desks = [await createDesk(moto.url, 'qa-sam', storeFor('unused', moto.url)), await createDesk(moto.url, 'qa-lee', storeFor('unused', moto.url))];
}, 90_000);

afterAll(async () => {
  for (const desk of desks ?? []) desk.clients.destroy();
  await moto?.stop();
});

function startWriter(desk: Desk, table: string) {
  const child = spawn(process.execPath, [bundle], {
    env: { ...process.env, DESK_ENDPOINT: moto.url, DESK_KEY_ID: desk.credentials.accessKeyId, DESK_SECRET: desk.credentials.secretAccessKey, DESK_TABLE: table, DESK_NAME: desk.user },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const accepted: string[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('accepted ')) accepted.push(line.slice('accepted '.length));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return { child, accepted, exited, stderr: () => stderr };
}

describe('a desk killed mid-write', () => {
  test('SIGKILL while two desks race: no accepted event lost, none duplicated, one verified chain', async () => {
    const table = 'rc-kill';
    await createStoreTable(desks[0]!.clients.dynamo, table);
    const [sam, lee] = [startWriter(desks[0]!, table), startWriter(desks[1]!, table)];
    await until(`both desks to write (stderr: ${sam.stderr()} ${lee.stderr()})`, () => ({ sam: sam.accepted.length, lee: lee.accepted.length }), (accepted) => accepted.sam >= 15 && accepted.lee >= 15, 60_000);
    sam.child.kill('SIGKILL');
    expect(await sam.exited).toBe('SIGKILL');
    const samAcceptedAtKill = [...sam.accepted];
    const leeBefore = lee.accepted.length;
    // The survivor goes on writing after the kill, past whatever the dead desk left.
    await until('the surviving desk to go on', () => lee.accepted.length, (accepted) => accepted >= leeBefore + 10, 60_000);
    lee.child.kill('SIGTERM');
    await lee.exited;

    const log = new DynamoLog({ documents: desks[0]!.clients.documents, table, workspaceId: 'demo', clock: systemClock() });
    const report = await log.verify(null);
    expect(report.problems).toEqual([]);
    const ids = (await log.tail(0)).map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...samAcceptedAtKill, ...lee.accepted]) expect(ids).toContain(id);
    // Only a put in flight when a desk was stopped (one per desk) can have landed without being reported.
    expect(ids.length - samAcceptedAtKill.length - lee.accepted.length).toBeLessThanOrEqual(2);
  }, 150_000);
});
