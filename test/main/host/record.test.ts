// issue 14, point 3, through the real console: a log cut while the console was stopped makes every call
// that changes the record a `conflict` naming the finding, while reading stays open; acknowledgeLog
// records the operator in the log, pushes the new record and lifts read-only.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_CHANGING_CALLS, type LogRecordView, type ReleaseView } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import { LOG_FILE } from '../../../main/storage/repository';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';

const context = { transport: 'browser' as const, connectionId: 'test' };
const REHEARSAL_START = Date.UTC(2026, 2, 19, 10, 55);

describe('the release log through the host', () => {
  it('refuses every record-changing call while read-only, names why, and accepts them once acknowledged', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-record-'));
    // Three starts leave a log with a snapshot at close; then the last two entries are cut.
    for (let i = 0; i < 3; i++) await (await createConsole({ dataDir, rehearsalStart: REHEARSAL_START })).host.close();
    const file = path.join(rehearsalDir(dataDir, REHEARSAL_START), LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, lines.slice(0, -2).join('\n') + '\n');

    const { host } = await createConsole({ dataDir, rehearsalStart: REHEARSAL_START, operator: { name: 'Priya Shah', role: 'PE' } });
    try {
      const record = await host.invoke('getLogRecord', {}, context);
      expect(record).toMatchObject({ ok: true, value: { head: { seq: lines.length - 2 }, findings: [{ kind: 'log-short', missing: 2 }], readOnly: { reason: expect.stringContaining('2 entries are missing') } } });

      const view = await host.invoke('getReleaseView', {}, context);
      if (!view.ok) throw new Error(view.error.message);
      const ref = { releaseId: (view.value as ReleaseView).release.id, stepId: 'write-prod-cr', regionId: null };
      const refused = await host.invoke('completeStep', { ...ref, outcome: 'done' }, context);
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^The release log is read-only until someone acknowledges what was found at start \(Record panel\): 2 entries are missing/) } });
      expect(RECORD_CHANGING_CALLS).toContain('completeStep');

      const pushed: LogRecordView[] = [];
      const stop = host.onEvent((event, payload) => {
        if (event === 'logRecord') pushed.push(payload as LogRecordView);
      });
      const acknowledged = await host.invoke('acknowledgeLog', {}, context);
      stop();
      expect(acknowledged).toMatchObject({ ok: true, value: { findings: [], readOnly: null } });
      expect(pushed).toHaveLength(1);
      const ack = JSON.parse(readFileSync(file, 'utf8').split('\n').filter(Boolean).at(-2)!) as { kind: string; body: unknown };
      expect(ack).toMatchObject({ kind: 'acknowledgement', body: { acknowledgedBy: { name: 'Priya Shah', role: 'PE' }, findings: [{ kind: 'log-short', missing: 2 }] } });

      const accepted = await host.invoke('completeStep', { ...ref, outcome: 'done' }, context);
      expect(accepted).toMatchObject({ ok: true, value: { state: 'done' } });
    } finally {
      await host.close();
    }
  });

  // Before, a console shell opened while the log was read-only: its opening could not be logged (only
  // console.error said so), and whatever was typed in it ran with no shellOpened entry and no transcript in the evidence.
  it('opens no console shell while read-only, since its opening could not be recorded; once acknowledged it opens on record', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-record-shell-'));
    for (let i = 0; i < 2; i++) await (await createConsole({ dataDir, rehearsalStart: REHEARSAL_START })).host.close();
    const file = path.join(rehearsalDir(dataDir, REHEARSAL_START), LOG_FILE);
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, lines.slice(0, -1).join('\n') + '\n');

    const { host } = await createConsole({ dataDir, rehearsalStart: REHEARSAL_START, operator: { name: 'Priya Shah', role: 'PE' } });
    try {
      const refused = await host.invoke('openTerminal', { regionId: 'S01', cols: 80, rows: 24 }, context);
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/^The release log is read-only until someone acknowledges/) } });
      expect(await host.invoke('listTerminals', {}, context)).toEqual({ ok: true, value: { terminals: [] } });
      expect(RECORD_CHANGING_CALLS).toContain('openTerminal');

      expect(await host.invoke('acknowledgeLog', {}, context)).toMatchObject({ ok: true, value: { readOnly: null } });
      const opened = await host.invoke('openTerminal', { regionId: 'S01', cols: 80, rows: 24 }, context);
      expect(opened.ok).toBe(true);
      const logged = await until(
        'the shell opening in the log',
        async () => logEvents(rehearsalDir(dataDir, REHEARSAL_START)).filter((e) => e.type === 'shellOpened'),
        (found) => found.length > 0,
        10_000,
      );
      expect(logged).toMatchObject([{ type: 'shellOpened', region: 'S01', actor: { name: 'Priya Shah' } }]);
    } finally {
      await host.close();
    }
  });
});
