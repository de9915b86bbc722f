// Issue 14, point 7: every export is built from the requested release alone. Release A (the product
// rollout) is open in the window; release B (the CAI release) is exported.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView, Result } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { evidenceFor, type EvidenceSources } from '../../../main/release/evidence';
import { emptyReleaseRecord } from '../../../main/release/state';

const A = '2026-03-product-rollout';
const B = '2026-03-cai-release';
const context = { transport: 'browser' as const, connectionId: 'test' };

describe('evidenceFor', () => {
  const viewOf = (id: string) => ({ release: { id } }) as ReleaseView;
  const baseline = (releaseId: string) => ({ regionId: 'S01', metricId: 'errors', capturedAt: releaseId === B ? 2 : 1, windowMinutes: 15, mean: 0, stddev: 0, p50: 0, p99: 0, samples: 1 });
  const sources = (view: (id: string) => ReleaseView): EvidenceSources & { tables: string[] } => {
    const tables: string[] = [];
    return {
      tables,
      view,
      record: (id) => ({ ...emptyReleaseRecord(), baselines: [baseline(id) as never] }),
      verificationTable: (regionId, baselines) => {
        tables.push(`${regionId} against the baseline captured at ${(baselines[0] as unknown as { capturedAt: number }).capturedAt}`);
        return tables.at(-1)!;
      },
      verificationMoment: () => null,
      logHead: () => ({ seq: 7, hash: 'a'.repeat(64) }),
      transcripts: async () => [],
      outcome: (id) => ({ release: { id } as never, deployment: { releaseId: id } as never, strategy: 'region-by-region', testingFailures: [] }),
    };
  };

  it("builds the view, the record and the verification tables from the requested release's own", async () => {
    const from = sources(viewOf);
    const input = await evidenceFor(B, from);
    expect(input.view.release.id).toBe(B);
    expect(input.outcome.deployment.releaseId).toBe(B);
    expect(input.verificationTable('S01')).toBe('S01 against the baseline captured at 2');
  });

  it('refuses a view of another release rather than export a mix', async () => {
    await expect(evidenceFor(B, sources(() => viewOf(A)))).rejects.toThrow(`The view for the ${B} export is of release ${A}; an export is built from one release alone.`);
  });
});

describe('exportEvidence while another release is open', () => {
  let host: Host | null = null;
  let dataDir = '';
  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = (await host!.invoke(name, payload, context)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }
  const exported = (releaseId: string, format: string) => call<{ filename: string; content: string }>('exportEvidence', { releaseId, format });

  it("exports release B's evidence alone while release A is selected", async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-evidence-'));
    ({ host } = await createConsole({ dataDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    // Work in A: the PE writes the CR.
    await call('completeStep', { releaseId: A, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    // Work in B: the on-call PE approves, the CAI team raises it in #rm-netops.
    await call('selectRelease', { releaseId: B });
    await call('setOperator', { name: 'olu', role: 'on-call PE' });
    await call('approveStep', { releaseId: B, stepId: 'consult-on-call', regionId: null });
    await call('setOperator', { name: 'cam', role: 'CAI team' });
    await call('completeStep', { releaseId: B, stepId: 'raise-rm-netops', regionId: null, outcome: 'done' });
    await call('setOperator', { name: 'alice', role: 'PE' });
    // A is open again in the window.
    await call('selectRelease', { releaseId: A });
    expect((await call<ReleaseView>('getReleaseView', {})).release.id).toBe(A);

    const cr = (await exported(B, 'cr-markdown')).content;
    expect(cr).toContain('# CR evidence — CAI release — Bedrock model update and routing policies');
    expect(cr).toContain(`- Release: ${B} (CAI release)`);
    expect(cr).toContain('### HO-1250 — Bedrock model update');
    expect(cr).toMatch(/\| approval \| Consult the on-call Platform Engineer \| all \| done \| olu \(on-call PE\) \|/);
    expect(cr).toMatch(/\| approval \| Raise in #rm-netops for visibility \| all \| done \| cam \(CAI team\) \|/);
    expect(cr).not.toContain('HO-1234');
    expect(cr).not.toContain('PE writes Production CR instructions');
    expect(cr).not.toContain('Production rollout');

    const log = JSON.parse((await exported(B, 'deployment-log')).content) as { version: string; status: string; handovers: { id: string }[]; packages: unknown[] };
    // Nothing of B is deployed yet: no version, no commit, and B's handover alone.
    expect(log).toMatchObject({ version: '', status: 'in-progress', packages: [] });
    expect(log).not.toHaveProperty('commit');
    expect(log.handovers.map((h) => h.id)).toEqual(['HO-1250']);
    expect((await exported(B, 'announcement-start')).content).toContain('Service: HO-1250\n');

    // And A's own export, with A open, is A's alone.
    const crA = (await exported(A, 'cr-markdown')).content;
    expect(crA).toContain('PE writes Production CR instructions');
    expect(crA).not.toContain('HO-1250');
    expect(crA).not.toContain('Consult the on-call Platform Engineer');
  }, 30_000);
});
