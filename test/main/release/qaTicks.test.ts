import { describe, expect, it } from 'vitest';
import type { QaItemView, ReleaseView } from '../../../shared/api';
import { logEvents, rehearsalDir } from '../../release-log';
import { approveProductionCr, consoleCalls, openConsole, PRODUCTION, runStep, value } from './console-calls';
import { consoleOfEachTest, demoToolsOfEachTest } from './demo-console';

demoToolsOfEachTest();
const consoles = consoleOfEachTest();

/**
 * A QA item passed is passed once, by whoever passed it. Before, a second window (or desk) whose screen still
 * showed it open pressed Pass again and was accepted: the item then read "Ticked by sam" at the later time,
 * the CR evidence too, while quinn had tested it.
 */
describe('a QA item ticked twice the same way', () => {
  it('is refused the second time, naming who ticked it; a change of outcome or note still goes', async () => {
    const opened = await openConsole('qa-ticks');
    const h = consoles.closeAfter(opened.host);
    await approveProductionCr(h);
    await value(h, 'startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    await runStep(h, 'sdc-maintenance-on', 'S01');
    await runStep(h, 'sdc-deploy', 'S01');

    const quinn = consoleCalls('quinn-window');
    const sam = consoleCalls('sam-window');
    await quinn.value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    await sam.value(h, 'setOperator', { name: 'sam', role: 'QA' });
    const item = (await quinn.value<ReleaseView>(h, 'getReleaseView', {})).qa[0]!;
    await quinn.value(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'pass' });
    const again = await sam.refusal(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'pass' });
    expect(again).toMatch(/^“.+” is already passed by quinn \(QA\) at 10:55 UTC\.$/);
    const shown = (await sam.value<ReleaseView>(h, 'getReleaseView', {})).qa.find((i) => i.id === item.id)!;
    expect(shown).toMatchObject({ outcome: 'pass', by: { name: 'quinn' } });
    const ticks = logEvents(rehearsalDir(opened.dataDir)).filter((e) => e.type === 'qaTicked' && e.itemId === item.id);
    expect(ticks).toHaveLength(1);

    // A real change is a tick of its own: sam fails it with a note, quinn reopens it for a retest.
    await sam.value<QaItemView>(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'fail', note: 'one call dropped' });
    await quinn.value<QaItemView>(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'fail', note: 'one call dropped; retest after the fix' });
    expect(logEvents(rehearsalDir(opened.dataDir)).filter((e) => e.type === 'qaTicked' && e.itemId === item.id)).toHaveLength(3);
  }, 90_000);
});
