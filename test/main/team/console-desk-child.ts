// A whole console as its own process, for the SIGKILL test (issue 15, "one desk killed mid-write"): a live
// desk on the team's table ticks QA items as fast as main accepts them, each tick with a note of its own,
// and prints "accepted <note>" only once the console answered ok (the store accepted it), else "refused
// <note> <why>". Run bundled
// (esbuild) by desk-faults.test.ts; configured through the environment.
import { createConsole } from '../../../main/console';
import type { Result } from '../../../shared/api';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`console-desk-child: ${name} is not set`);
  return value;
};

const { host } = await createConsole({
  workspaceDir: env('DESK_WORKSPACE'),
  dataDir: env('DESK_DATA'),
  storeClient: { credentials: { accessKeyId: env('DESK_KEY_ID'), secretAccessKey: env('DESK_SECRET') }, endpoint: env('DESK_ENDPOINT'), requestTimeoutMs: 1_000, maxAttempts: 2 },
});
const context = { transport: 'browser' as const, connectionId: 'child' };
const desk = env('DESK_NAME');
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  const note = `${desk}-${i}`;
  const result = (await host.invoke('tickQaItem', { releaseId: env('DESK_RELEASE'), itemId: `qa-post-rollout#${(i % 11) + 1}`, outcome: 'open', note }, context)) as Result<unknown>;
  if (result.ok) process.stdout.write(`accepted ${note}\n`);
  else process.stdout.write(`refused ${note} ${result.error.message.replace(/\s+/g, ' ')}\n`);
}
