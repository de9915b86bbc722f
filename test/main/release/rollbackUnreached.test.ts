import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { logEntries, rehearsalDir } from '../../release-log';

/**
 * Issue 16 through the host: a rollback of a handover the console never deployed would run nothing and
 * still mark it "Failed Production Rollout". It is refused with that reason, audited, and the status stays.
 */
const context = { transport: 'browser' as const, connectionId: 'test' };
const HO = { releaseId: '2026-03-product-rollout', handoverId: 'HO-1234' };
let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

describe('rolling back a handover deployed in no region', () => {
  it('is refused with the reason, audited, and leaves the handover as it was', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-rollback-unreached-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'oscar', role: 'on-call PE' } }));
    const refused = await host.invoke('startRollback', { ...HO, confirm: 'HO-1234' }, context);
    expect(refused).toMatchObject({ ok: false, error: { code: 'blocked', message: expect.stringContaining('HO-1234 is deployed in no region: there is nothing to roll back') } });
    const preview = (await host.invoke('previewRollback', HO, context)) as Result<{ plan: { canStart: boolean; flags: { reason: string }[] } }>;
    expect(preview.ok && preview.value.plan).toMatchObject({ canStart: false, flags: [{ reason: expect.stringMatching(/^HO-1234 is deployed in no region/) }] });
    expect(await host.invoke('getRollback', HO, context)).toEqual({ ok: true, value: null });
    const view = (await host.invoke('getReleaseView', {}, context)) as Result<ReleaseView>;
    expect(view.ok && view.value.handovers.find((ho) => ho.id === 'HO-1234')?.status).toBe('Ready for Production');
    const audit = (logEntries(rehearsalDir(dataDir)) as unknown as { kind: string; data: Record<string, unknown> }[]);
    expect(audit).toContainEqual(expect.objectContaining({ kind: 'decision', data: expect.objectContaining({ intent: 'startRollback', allowed: false, reasons: [expect.stringMatching(/deployed in no region/)] }) }));
  });
});
