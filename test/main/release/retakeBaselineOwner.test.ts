import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../../shared/api';
import type { Host } from '../../../main/host/host';
import { logEvents, rehearsalDir } from '../../release-log';
import { until } from '../until';
import { approveProductionCr, consoleCalls, openConsole, PRODUCTION, stepState, value } from './console-calls';

let host: Host | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
});

/**
 * A baseline is what a region's rollback criteria are judged against. Before, its step's owner was asked only
 * to take it: anyone could retake it (a QA persona here), so the comparison's basis could be reset by someone
 * the runbook never gave that step, in the middle of a breach as well as before a deploy.
 */
describe("retaking a region's baseline", () => {
  it("is the baseline step's owner's to do, as taking it is", async () => {
    const opened = await openConsole('retake-owner');
    host = opened.host;
    const h = host;
    await approveProductionCr(h);
    const baseline = { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' };
    await value(h, 'startStep', baseline);
    await until('the baseline taken', () => value<ReleaseView>(h, 'getReleaseView', {}), (v) => stepState(v, 'sdc-baseline@S01') === 'done', 10_000);

    const qa = consoleCalls('qa-window');
    await qa.value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    const refused = await qa.refusal(h, 'retakeBaseline', baseline);
    expect(refused).toMatch(/^Only PE may retake "Capture baseline — SDC\/LON/);
    const events = logEvents(rehearsalDir(opened.dataDir));
    expect(events.filter((e) => e.type === 'baselineRetakeStarted')).toEqual([]);
    expect(events.filter((e) => e.type === 'refused' && e.intent === 'retakeBaseline')).toMatchObject([{ actor: { name: 'quinn', role: 'QA' } }]);

    // Its owner still retakes it.
    await value(h, 'retakeBaseline', baseline);
    expect(logEvents(rehearsalDir(opened.dataDir)).filter((e) => e.type === 'baselineRetakeStarted')).toMatchObject([{ actor: { name: 'alice', role: 'PE' } }]);
  }, 60_000);
});
