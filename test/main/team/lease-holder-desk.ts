// A whole console as its own process, for the lease-holder-killed test: carol's desk on the shared log
// starts "Enable maintenance mode" in S01 (held on the change lock by RELEASE_CONSOLE_DEMO_HANG, so it keeps
// running and keeps S01's lease), moves its rehearsal clock on so its next heartbeat says something the
// log does not, and prints "running" once the step runs. Then it waits to be killed. Run bundled (esbuild)
// by lease-holder-killed.test.ts; configured through the environment.
import type { Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`lease-holder-desk: ${name} is not set`);
  return value;
};

const PRODUCTION = '2026-03-product-rollout';
const context = { transport: 'browser' as const, connectionId: 'carol-window' };

const { host } = await createConsole({
  workspaceDir: env('DESK_WORKSPACE'),
  dataDir: env('DESK_DATA'),
  rehearsalStart: Number(env('DESK_REHEARSAL_AT')),
  operator: { name: 'carol', role: 'PE' },
  storeClient: { credentials: { accessKeyId: env('DESK_KEY_ID'), secretAccessKey: env('DESK_SECRET') }, endpoint: env('DESK_ENDPOINT'), requestTimeoutMs: 1_000, maxAttempts: 2 },
});

async function call(name: string, payload: unknown): Promise<unknown> {
  const result = (await host.invoke(name, payload, context)) as Result<unknown>;
  if (!result.ok) throw new Error(`lease-holder-desk: ${name} refused: ${result.error.message}`);
  return result.value;
}

await call('setOperator', { name: 'carol', role: 'PE' });
await call('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
await call('setOperator', { name: 'bob', role: 'PE' });
await call('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
await call('setOperator', { name: 'carol', role: 'PE' });
await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' });
await call('moveRehearsalClock', { advanceMs: Number(env('DESK_CLOCK_ADVANCE_MS')) });
process.stdout.write('running\n');
// Killed by the test; the timer keeps the process up meanwhile.
setInterval(() => undefined, 60_000);
