// The team store against moto_server (DynamoDB and STS on one loopback port), each desk a moto IAM user:
// (team-desks.bench.ts measures team.propagation_p95_ms and team.conflict_resolution_ms through whole consoles.)
// - team.append_p95_ms: one conditional put of one event through the SDK (DynamoLog.append), 200 in a row;
// - team.store_conflict_resolution_ms: two desks append on the same head at once; the loser's time from its
//   attempt to having the winner's events and its own event appended after them (median, p95 beside it);
// - team.store_propagation_p95_ms: store layer only: an append on one desk → the other desk's tail poller has it;
// - team.tail_queries_per_minute: Query requests one desk's tail poller alone sends in a minute of polling,
//   counted with SDK middleware (each a consistent read of under 4 KB: one read request unit). The whole
//   desk's figure, with presence and leases, is team.reads_per_desk_per_minute (team-reads.bench.ts).
// moto answers from the same machine, so these are the console's and the SDK's costs, not AWS's latency.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { systemClock } from '../../shared/clock';
import { TAIL_POLL_INTERVAL_MS } from '../../shared/team/polling';
import { DynamoLog, EMPTY_HEAD, type LogHead } from '../../main/team/dynamo-log';
import { storeClients, type StoreClients } from '../../main/team/store-clients';
import { createStoreTable } from '../../main/team/table';
import { TailPoller } from '../../main/team/tail-poller';
import { startMoto } from '../main/metrics/moto';

const APPENDS = 200;
const CONFLICT_ROUNDS = 40;
const PROPAGATION_ROUNDS = 40;
/** Long enough to average out timer drift, short enough for a bench run: scaled to a minute. */
const POLLING_WINDOW_MS = 15_000;

const r2 = (n: number) => Math.round(n * 100) / 100;
const print = (bench: string, value: number, unit: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ bench, value, unit, ...extra, loadAverage: r2(os.loadavg()[0]!) }));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function event(step: string) {
  return { id: randomUUID(), kind: 'event', body: { type: 'stepFinished', step } };
}

const moto = await startMoto();
const desks: StoreClients[] = [];
try {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const desk = async (user: string): Promise<StoreClients> => {
    await iam.send(new CreateUserCommand({ UserName: user }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: user }))).AccessKey!;
    const clients = storeClients({ profile: 'unused', region: 'us-east-1', endpoint: moto.url }, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    desks.push(clients);
    return clients;
  };
  const [pe, oncall] = [await desk('pe-priya'), await desk('oncall-carol')];
  const table = 'rc-bench';
  await createStoreTable(pe.dynamo, table);
  const logOf = (clients: StoreClients, workspaceId: string) => new DynamoLog({ documents: clients.documents, table, workspaceId, clock: systemClock() });

  // append_p95_ms
  {
    const log = logOf(pe, 'append');
    let head: LogHead = EMPTY_HEAD;
    const times: number[] = [];
    for (let i = 0; i < APPENDS; i += 1) {
      const started = performance.now();
      const result = await log.append([event(`s${i}`)], head);
      times.push(performance.now() - started);
      if (!result.ok) throw new Error('a lone desk lost a race');
      head = result.head;
    }
    print('team.append_p95_ms', r2(percentile(times, 95)), 'ms', { median_ms: r2(percentile(times, 50)), appends: APPENDS });
  }

  // conflict_resolution_ms
  {
    const [a, b] = [logOf(pe, 'conflict'), logOf(oncall, 'conflict')];
    let head: LogHead = EMPTY_HEAD;
    const times: number[] = [];
    for (let i = 0; i < CONFLICT_ROUNDS; i += 1) {
      const attempt = async (log: DynamoLog) => {
        const started = performance.now();
        const first = await log.append([event(`r${i}`)], head);
        if (first.ok) return { won: true as const, head: first.head, ms: 0 };
        // The loser has the winner's events: it re-decides on them (here: still wants its own) and appends after.
        const again = await log.append([event(`r${i}-after`)], first.head);
        if (!again.ok) throw new Error('lost twice with two desks');
        return { won: false as const, head: again.head, ms: performance.now() - started };
      };
      const results = await Promise.all([attempt(a), attempt(b)]);
      const loser = results.find((result) => !result.won);
      if (!loser || results.filter((result) => result.won).length !== 1) throw new Error('expected exactly one winner per round');
      times.push(loser.ms);
      head = loser.head;
    }
    print('team.store_conflict_resolution_ms', r2(percentile(times, 50)), 'ms', { p95_ms: r2(percentile(times, 95)), rounds: CONFLICT_ROUNDS });
  }

  // propagation_p95_ms and tail_queries_per_minute, from one poller on the on-call desk.
  {
    let queries = 0;
    oncall.documents.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countTailQueries' },
    );
    const writer = logOf(pe, 'propagation');
    const arrivals = new Map<string, number>();
    const poller = new TailPoller(logOf(oncall, 'propagation'), EMPTY_HEAD, {
      entries: (entries) => entries.forEach((entry) => arrivals.set(entry.id, performance.now())),
      reachability: () => undefined,
      broken: (problem) => {
        throw new Error(problem);
      },
    });
    poller.start();
    let head: LogHead = EMPTY_HEAD;
    const times: number[] = [];
    for (let i = 0; i < PROPAGATION_ROUNDS; i += 1) {
      // Start at a random point of the poll interval, as a person's click would.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * TAIL_POLL_INTERVAL_MS));
      const e = event(`p${i}`);
      const started = performance.now();
      const result = await writer.append([e], head);
      if (!result.ok) throw new Error('lost with one writer');
      head = result.head;
      while (!arrivals.has(e.id)) await new Promise((resolve) => setTimeout(resolve, 5));
      times.push(arrivals.get(e.id)! - started);
    }
    print('team.store_propagation_p95_ms', r2(percentile(times, 95)), 'ms', { median_ms: r2(percentile(times, 50)), rounds: PROPAGATION_ROUNDS, pollIntervalMs: TAIL_POLL_INTERVAL_MS, layer: 'store: append → other desk’s tail poller' });

    const before = queries;
    const windowStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, POLLING_WINDOW_MS));
    const perMinute = ((queries - before) * 60_000) / (performance.now() - windowStart);
    poller.stop();
    print('team.tail_queries_per_minute', r2(perMinute), 'queries/min', { pollIntervalMs: TAIL_POLL_INTERVAL_MS, readRequestUnitsEach: 1, windowMs: POLLING_WINDOW_MS });
  }
  iam.destroy();
} finally {
  for (const clients of desks) clients.destroy();
  await moto.stop();
}
