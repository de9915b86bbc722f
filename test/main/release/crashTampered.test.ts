import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stubEnvs } from '../../stub-envs';
import type { LogRecordView, ReleaseView } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { LOG_FILE } from '../../../main/storage/repository';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { approveProductionCr, call, openConsole, PRODUCTION, REHEARSAL_START, stepState, value } from './console-calls';

const hosts: Host[] = [];

beforeEach(() => {
  // The real demo tool, held 60 s in S01: the console's folder is copied while it runs, as a crash leaves it.
  stubEnvs({ RELEASE_CONSOLE_DEMO_SPEED: '0', NO_COLOR: '1', RELEASE_CONSOLE_DEMO_STATE: path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-demo-')), 'state'), RELEASE_CONSOLE_DEMO_HANG: 'maintenance enable:S01@60s' });
});

afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  vi.unstubAllEnvs();
});

/**
 * A console that stopped while a step ran marks that step interrupted at its next start. Before, when the
 * log was also found changed at that start (read-only until acknowledged), marking it threw from the
 * read-only log and the console did not open at all: the banner that names the change was never shown.
 */
describe('a crash mid-step, and the log changed before the next start', () => {
  it('opens read-only, names the change, and marks the step interrupted once acknowledged', async () => {
    const { host: first, dataDir } = await openConsole('crash-tampered');
    hosts.push(first);
    await approveProductionCr(first);
    await value(first, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    await value(first, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' });
    // The folder as SIGKILL would leave it: the step's start logged, no exit, no snapshot at close.
    const crashed = mkdtempSync(path.join(os.tmpdir(), 'rc-crash-tampered-copy-'));
    cpSync(dataDir, crashed, { recursive: true, filter: (source) => !source.includes('shell-shims') });
    const file = path.join(rehearsalDir(crashed), LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    // Someone edits who wrote the Production CR, without re-hashing.
    const edited = lines.findIndex((l) => l.includes('"write-prod-cr"') && l.includes('"stepFinished"'));
    expect(edited).toBeGreaterThan(0);
    lines[edited] = lines[edited]!.replace('"name":"alice"', '"name":"mallory"');
    writeFileSync(file, lines.join('\n') + '\n');

    const { host } = await openConsole('crash-tampered', { dataDir: crashed });
    hosts.push(host);
    const record = await value<LogRecordView>(host, 'getLogRecord', {});
    expect(record.readOnly?.reason).toEqual(expect.stringContaining(`line ${edited + 1}`));
    expect((await call(host, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-deploy', regionId: 'S01' })).ok).toBe(false);

    await value(host, 'acknowledgeLog', {});
    const view = await until('the step interrupted', () => value<ReleaseView>(host, 'getReleaseView', {}), (v) => stepState(v, 'sdc-maintenance-on@S01') === 'failed', 10_000);
    expect(stepState(view, 'sdc-maintenance-on@S01')).toBe('failed');
    const finished = logEvents(rehearsalDir(crashed, REHEARSAL_START)).filter((e) => e.type === 'stepFinished' && e.step === 'sdc-maintenance-on');
    expect(finished).toMatchObject([{ outcome: 'failed', cause: 'interrupted' }]);
  }, 90_000);
});
