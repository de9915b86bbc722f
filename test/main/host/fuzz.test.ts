// issue 8, bad input: a seeded fuzz over the whole API contract through the real host (the demo workspace
// in a rehearsal). Random messages and mutations of valid ones: nothing throws, every call is answered with
// a result or a typed error, no handler crashes into `internal`, and the console still answers afterwards.
// Replay a failure with FUZZ_SEED=<seed printed in the message>.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, callNames, type CallName } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { seededRandom } from '../../seeded-random';

const RANDOM = 1_000;
const MUTATED = 2_500;
const RELEASE = '2026-03-product-rollout';

/** One valid payload per call; the test fails when a call is added to the contract without one here. */
const SEEDS: Record<CallName, unknown> = {
  getSession: {},
  getWorkspaceProblem: {},
  retryWorkspace: {},
  // This console's clock was fixed at start, so the switch is refused (a typed error, never internal).
  switchDemoClock: { mode: 'simulated' },
  // No adapter to reopen this console, so it is refused (a typed error) and nothing is archived.
  startRehearsalOver: {},
  getMetrics: { sinceMs: 0, regionIds: ['EUW2'] },
  captureBaseline: { regionIds: ['S01'], windowMinutes: 15 },
  getVerificationTable: { regionId: 'EUW2' },
  checkHealthGate: { regionId: 'EUW2', minutes: 15 },
  estimateMetricsCost: { pollIntervalSeconds: 60 },
  pollMetricsNow: {},
  setScenario: { regionId: 'USE2', scenario: 'healthy' },
  // Valid shapes naming sessions that do not exist: the fuzz must not leave shells running.
  openTerminal: { regionId: 'NO-SUCH-REGION', cols: 80, rows: 24 },
  attachTerminal: { sessionId: 'term-99999' },
  detachTerminal: { sessionId: 'term-99999' },
  writeTerminal: { sessionId: 'term-99999', data: 'ls\r' },
  resizeTerminal: { sessionId: 'term-99999', cols: 100, rows: 30 },
  ackTerminal: { sessionId: 'term-99999', chars: 100 },
  killTerminal: { sessionId: 'term-99999', signal: 'SIGTERM' },
  restartTerminal: { sessionId: 'term-99999' },
  stopTerminal: { sessionId: 'term-99999' },
  closeTerminal: { sessionId: 'term-99999' },
  listTerminals: {},
  listTranscripts: { regionId: 'EUW2' },
  readTranscript: { id: 'no-such-release~0' },
  getReleaseView: {},
  watchReleaseView: { releaseId: RELEASE, operator: { name: 'fuzz', role: 'PE' } },
  selectRelease: { releaseId: RELEASE },
  setOperator: { name: 'fuzz', role: 'PE' },
  startStep: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null },
  stopStep: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null },
  retakeBaseline: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null },
  takeOverLease: { regionId: 'S01', reason: 'the holder stopped answering' },
  completeStep: { releaseId: RELEASE, stepId: 'no-such-step', regionId: 'EUW2', outcome: 'done', note: 'fuzz' },
  approveStep: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null },
  overrideStep: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null, reason: 'fuzzing the override path', approvers: [{ name: 'a', role: 'PE' }] },
  tickQaItem: { releaseId: RELEASE, itemId: 'no-such-item', outcome: 'pass' },
  transitionHandover: { releaseId: RELEASE, handoverId: 'HO-1234', to: 'no-such-status' },
  moveRehearsalClock: { advanceMs: 1_000 },
  exportEvidence: { releaseId: RELEASE, format: 'cr-markdown' },
  previewBackOut: { releaseId: RELEASE, regionId: 'S01' },
  backOutRegion: { releaseId: RELEASE, regionId: 'S01', confirm: 'not the confirmation' },
  stopBackOutStep: { releaseId: RELEASE, regionId: 'S01', stepId: 'no-such-step' },
  previewRollback: { releaseId: RELEASE, handoverId: 'HO-1234' },
  startRollback: { releaseId: RELEASE, handoverId: 'HO-1234', confirm: 'not the confirmation' },
  retryRollback: { releaseId: RELEASE, handoverId: 'HO-1234', stepId: 'no-such-step' },
  skipRollbackStep: { releaseId: RELEASE, handoverId: 'HO-1234', stepId: 'no-such-step', reason: 'fuzzing the skip path' },
  abortRollback: { releaseId: RELEASE, handoverId: 'HO-1234' },
  stopRollbackStep: { releaseId: RELEASE, handoverId: 'HO-1234', stepId: 'no-such-step' },
  getRollback: { releaseId: RELEASE, handoverId: 'HO-1234' },
  getIncident: { releaseId: RELEASE, handoverId: 'HO-1234' },
  fixForward: { releaseId: RELEASE, handoverId: 'HO-1234', reason: 'config flag left on', severity: 'SEV-2' },
  reconcileRegion: { regionId: 'NO-SUCH-REGION' },
  getLogRecord: {},
  acknowledgeLog: {},
  getDeliveryReport: { environment: 'production', package: null, since: Date.parse('2026-01-01T00:00:00Z'), until: Date.parse('2026-04-01T00:00:00Z') },
  showScreen: { screen: 'qa', regionId: null },
  getPresence: {},
  approveOverride: { releaseId: RELEASE, stepId: 'no-such-step', regionId: null },
  getAnnouncements: { releaseId: RELEASE },
  postAnnouncement: { releaseId: RELEASE, channel: '#no-such-channel', kind: 'start' },
  retryAnnouncement: { releaseId: RELEASE, index: 99 },
  // Browser mode has no keychain: refused with a typed error.
  setSlackWebhook: { entry: 'rm-netops', url: null },
  getCalendar: { zone: 'Europe/London' },
  exportCalendar: { weeks: 2 },
  refreshCalendars: {},
  getHistory: { filter: { person: 'fuzz', kind: 'refused', from: 0, to: 1 }, offset: 0, limit: 50 },
  getPastReleases: {},
  readReleaseEvidence: { releaseId: RELEASE },
};

function fuzzer(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const STRINGS = ['', ' ', 'EUW2', 'HO-1', 'HO-1234', 'term-1', 'term-0', RELEASE, '__proto__', 'constructor', '../../etc/passwd', '\u0000', '\u202e', '😀', '$(rm -rf ~)', '; ls', 'x'.repeat(5_000), 'SIGKILL', 'done', 'PE'];
  const NUMBERS = [0, -0, -1, 1, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, NaN, Infinity, -Infinity, 8.64e15 + 1, -8.64e15 - 1];

  function value(depth: number): unknown {
    switch (int(depth > 3 ? 4 : 9)) {
      case 0: return pick(STRINGS) + (random() < 0.3 ? String.fromCharCode(int(0x10000)) : '');
      case 1: return pick(NUMBERS);
      case 2: return pick([null, undefined, true, false]);
      case 3: return pick([10n, new Date(NaN), Symbol('s')]);
      case 4: return Array.from({ length: int(4) }, () => value(depth + 1));
      case 5: return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['regionId', 'releaseId', 'sessionId', 'stepId', 'to', '__proto__', 'x']), value(depth + 1)]));
      case 6: return new Map([[1, 2]]);
      case 7: return JSON.parse('{"__proto__": {"polluted": true}}');
      default: return new Uint8Array(int(8));
    }
  }

  /** One structural change somewhere in a JSON-ish value. */
  function mutate(input: unknown, depth = 0): unknown {
    if (input !== null && typeof input === 'object' && !Array.isArray(input) && random() < 0.7 && depth < 4) {
      const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = random();
      if (keys.length && roll < 0.5) {
        const key = pick(keys);
        copy[key] = mutate(copy[key], depth + 1);
      } else if (keys.length && roll < 0.7) delete copy[pick(keys)];
      else copy[pick(['extra', '__proto__', 'constructor', 'then', ...keys])] = value(depth + 1);
      return copy;
    }
    if (typeof input === 'string' && random() < 0.5) {
      return pick([input + pick(STRINGS), input.slice(0, int(input.length + 1)), input.toUpperCase(), ` ${input} `, input.replace(/\d/g, '9')]);
    }
    if (typeof input === 'number' && random() < 0.5) return input * pick([-1, 0, 2, 1e6, 0.5]) + pick([0, 1, -1]);
    if (random() < 0.1) return [input];
    return value(depth);
  }

  function call(): string {
    return random() < 0.85 ? pick(callNames) : pick(['', 'getsession', 'getSession ', 'toString', '__proto__', 'hasOwnProperty', 'constructor', 'x'.repeat(200)]);
  }

  return { value, mutate, call, pick };
}

let host: Host;

beforeAll(async () => {
  ({ host } = await createConsole({
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'rc-fuzz-')),
    rehearsalStart: Date.parse('2026-03-19T10:55:00Z'),
    operator: { name: 'fuzz', role: 'PE' },
  }));
});

afterAll(async () => {
  await host?.close();
});

describe('fuzzing the API contract through the host', () => {
  it('has a valid seed for every call, each answered without an internal error', async () => {
    expect(Object.keys(SEEDS).sort()).toEqual([...callNames].sort());
    for (const name of callNames) {
      const result = await host.invoke(name, SEEDS[name], { transport: 'browser', connectionId: 'fuzz' });
      if (!result.ok) expect(['not_found', 'blocked', 'conflict', 'unavailable', 'invalid_request'], `${name}: ${result.error.message}`).toContain(result.error.code);
    }
  });

  it('finds nothing under prototype names: every string field of every seed as __proto__, constructor, toString', async () => {
    for (const name of callNames) {
      const seed = SEEDS[name] as Record<string, unknown>;
      for (const [field, original] of Object.entries(seed)) {
        if (typeof original !== 'string') continue;
        for (const hostile of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
          const result = await host.invoke(name, { ...seed, [field]: hostile }, { transport: 'browser', connectionId: 'proto' });
          if (!result.ok) expect(result.error.code, `${name}.${field} = ${hostile}: ${result.error.message}`).not.toBe('internal');
        }
      }
    }
  });

  it(`answers ${RANDOM} random and ${MUTATED} mutated messages with a result or a typed error`, async () => {
    const seed = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);
    const random = seededRandom(seed);
    const { value, mutate, call, pick } = fuzzer(random);
    const codes = new Map<string, number>();
    for (let i = 0; i < RANDOM + MUTATED; i++) {
      let name: string;
      let payload: unknown;
      if (i < RANDOM) {
        name = call();
        payload = value(0);
      } else {
        name = random() < 0.9 ? pick(callNames) : call();
        payload = mutate(SEEDS[name as CallName] ?? {});
      }
      const context = `seed ${seed}, message ${i}: ${name}(${show(payload)})`;
      const result = await host.invoke(name, payload, { transport: 'electron', connectionId: `fuzz-${i % 3}` });
      if (result.ok) {
        codes.set('ok', (codes.get('ok') ?? 0) + 1);
        continue;
      }
      const error = ApiError.safeParse(result.error);
      expect(error.success, context).toBe(true);
      expect(result.error.code, `${context}: ${result.error.message}`).not.toBe('internal');
      codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
    }
    // The mix reached the handlers, not only the schema check.
    expect(codes.get('invalid_request') ?? 0).toBeGreaterThan(100);
    expect(codes.get('unknown_call') ?? 0).toBeGreaterThan(10);
    expect((codes.get('ok') ?? 0) + (codes.get('not_found') ?? 0)).toBeGreaterThan(100);
    const session = await host.invoke('getSession', {}, { transport: 'browser', connectionId: 'after' });
    expect(session.ok).toBe(true);
    // A ceiling for slow CI machines, not a speed target: a rehearsal clock jump re-polls the demo metrics.
  }, 120_000);
});

function show(payload: unknown): string {
  try {
    return JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? String(v) : v))?.slice(0, 300) ?? String(payload);
  } catch {
    // e.g. an object whose prototype the fuzz set to a Date: even String() throws on it.
    return Object.prototype.toString.call(payload);
  }
}
