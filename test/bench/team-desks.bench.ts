// Two whole consoles as desks on one table, against moto_server, each desk a moto IAM user with its own
// data folder: the figures the issue defines at the desk, through decide → shared put → replica → fold.
// - team.propagation_p95_ms: a QA tick on desk A → desk B has folded it (B pushes the new head to its
//   windows), 40 ticks at random points of the poll interval;
// - team.conflict_resolution_ms: both desks tick one QA item at the same moment; one put wins, the other
//   desk folds the winner's event, decides again and appends: the slower of the two calls (median, p95 beside).
// moto answers from the same machine, so these are the console's and the SDK's costs, not AWS's latency.
import os from 'node:os';
import type { LogRecordView, ReleaseView, Result } from '../../shared/api';
import { TAIL_POLL_INTERVAL_MS } from '../../shared/team/polling';
import { CLOUDWATCH_ENDPOINT_ENV } from '../../main/metrics/compose';
import { startMoto } from '../main/metrics/moto';
import { createDesk, storeFor } from '../main/team/desks';
import { openConsoleDesk, teamWorkspace, type ConsoleDesk } from '../main/team/console-desks';

const PROPAGATION_ROUNDS = 40;
const CONFLICT_ROUNDS = 30;
const RELEASE = '2026-03-product-rollout';

const r2 = (n: number) => Math.round(n * 100) / 100;
const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, value, unit, ...extra, loadAverage: r2(os.loadavg()[0]!) }));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const context = { transport: 'browser' as const, connectionId: 'bench' };
async function call<T>(desk: ConsoleDesk, name: string, payload: unknown): Promise<T> {
  const result = (await desk.host.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** Resolves when `desk` pushes a log record whose head reaches `seq`: the moment its windows are told. */
function headReaches(desk: ConsoleDesk, seq: number): Promise<number> {
  return new Promise((resolve) => {
    const stop = desk.host.onEvent((event, payload) => {
      if (event === 'logRecord' && (payload as LogRecordView).head.seq >= seq) {
        stop();
        resolve(performance.now());
      }
    });
  });
}

const moto = await startMoto();
process.env[CLOUDWATCH_ENDPOINT_ENV] = moto.url;
const desks: ConsoleDesk[] = [];
try {
  const admin = await createDesk(moto.url, 'store-admin', storeFor('unused', moto.url));
  const { dir } = await teamWorkspace(admin);
  // Both desks as QA, whose checklist it is (issue 17's owner rule).
  const a = await openConsoleDesk(moto.url, dir, 'qa-sam', 'sam', undefined, { role: 'QA' });
  const b = await openConsoleDesk(moto.url, dir, 'pe-priya', 'priya', undefined, { role: 'QA' });
  desks.push(a, b);
  const items = (await call<ReleaseView>(a, 'getReleaseView', {})).qa.map((item) => item.id);
  if (items.length === 0) throw new Error(`${RELEASE} has no QA items to tick`);

  // propagation_p95_ms
  {
    const times: number[] = [];
    for (let i = 0; i < PROPAGATION_ROUNDS; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * TAIL_POLL_INTERVAL_MS));
      const target = (await call<LogRecordView>(a, 'getLogRecord', {})).head.seq + 1;
      const seen = headReaches(b, target);
      const started = performance.now();
      // An item reopened with each round's note: a pass waits for a deploy (issue 17), and a tick that changes
      // nothing is refused, not propagated; the figure is about the log, not QA.
      await call(a, 'tickQaItem', { releaseId: RELEASE, itemId: items[i % items.length]!, outcome: 'open', note: `round ${i}` });
      times.push((await seen) - started);
    }
    print('team.propagation_p95_ms', r2(percentile(times, 95)), 'ms', { median_ms: r2(percentile(times, 50)), rounds: PROPAGATION_ROUNDS, pollIntervalMs: TAIL_POLL_INTERVAL_MS, layer: 'console: QA tick on desk A → desk B folded it and pushed its head' });
  }

  // conflict_resolution_ms
  {
    const times: number[] = [];
    for (let i = 0; i < CONFLICT_ROUNDS; i += 1) {
      const before = (await call<LogRecordView>(a, 'getLogRecord', {})).head.seq;
      // Both desks start from the same head, so the two puts race for the same seq.
      const bothSettled = Promise.all([headReaches(a, before + 2), headReaches(b, before + 2)]);
      const item = items[i % items.length]!;
      const tick = async (desk: ConsoleDesk, name: string) => {
        const started = performance.now();
        // Its own note: the loser's tick still changes the item after the winner's, so it is appended, not refused.
        await call(desk, 'tickQaItem', { releaseId: RELEASE, itemId: item, outcome: 'open', note: `${name} in round ${i}` });
        return performance.now() - started;
      };
      const [ta, tb] = await Promise.all([tick(a, 'sam'), tick(b, 'priya')]);
      times.push(Math.max(ta, tb));
      await bothSettled;
    }
    print('team.conflict_resolution_ms', r2(percentile(times, 50)), 'ms', { p95_ms: r2(percentile(times, 95)), rounds: CONFLICT_ROUNDS, layer: 'console: two desks tick one QA item at once; the loser folds the winner, decides again, appends' });
  }
  admin.clients.destroy();
} finally {
  for (const desk of desks) {
    await desk.host.close();
    await desk.proxy.close();
  }
  await moto.stop();
}
