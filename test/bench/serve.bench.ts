// serve.rss_growth_mb_slow_client: the browser-mode server's RSS at its peak during a 100 MB terminal
// flood with one client connected that never reads, above where it was before the flood (issue 16:
// 148 MB for a 150 MB flood before clients had a send budget). The real serve process, a real shell.
import os from 'node:os';
import { SEND_BUDGET_BYTES } from '../../main/serve/send-budget';
import { startServeProcess } from '../main/serve/serve-process';
import { floodWithSlowClient } from '../main/serve/slow-client-flood';

const FLOOD_MB = 100;
const r1 = (n: number) => Math.round(n * 10) / 10;

const serve = await startServeProcess();
try {
  const flood = await floodWithSlowClient(serve, FLOOD_MB, 300_000);
  console.log(
    JSON.stringify({
      bench: 'serve.rss_growth_mb_slow_client',
      value: r1(flood.rssGrowthMb),
      unit: 'MB',
      goal: 32,
      floodMb: FLOOD_MB,
      floodSeconds: r1(flood.floodSeconds),
      sendBudgetMb: SEND_BUDGET_BYTES / 2 ** 20,
      slowClientDisconnected: flood.slowClientClosed,
      slowClientMb: r1(flood.slowClientBytes / 1e6),
      loadAverage: r1(os.loadavg()[0]!),
    }),
  );
} finally {
  await serve.stop();
}
