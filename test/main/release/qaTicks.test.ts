import { describe, expect, it } from 'vitest';
import type { QaItemView, ReleaseView } from '../../../shared/api';
import { logEvents, rehearsalDir } from '../../release-log';
import { refusalWords } from '../../../renderer/format/refusal';
import { consoleCalls, deployToS01, openConsole, PRODUCTION } from './console-calls';
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
    await deployToS01(h);

    const quinn = consoleCalls('quinn-window');
    const sam = consoleCalls('sam-window');
    await quinn.value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    await sam.value(h, 'setOperator', { name: 'sam', role: 'QA' });
    const item = (await quinn.value<ReleaseView>(h, 'getReleaseView', {})).qa[0]!;
    await quinn.value(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'pass' });
    const again = await sam.refusal(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'pass' });
    expect(again).toMatch(/^“.+” is already passed by quinn \(QA\) at 10:55 UTC\.$/);
    // The refusal says which words name the instant, so a desk in New York reads it on its own clock.
    const refused = await sam.call(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: item.id, outcome: 'pass' });
    expect(refused.ok ? null : refused.error.instants).toEqual([{ at: Date.parse('2026-03-19T10:55:00Z'), words: '10:55 UTC' }]);
    expect(refused.ok ? null : refusalWords(refused.error, 'America/New_York')).toMatch(/^“.+” is already passed by quinn \(QA\) at Thu 19 Mar, 06:55 New York\.$/);
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

/**
 * The CR evidence is the record of what happened. Before, its QA table kept each item's last tick by name alone:
 * a failure that reopened the item and was passed again was not in it, and "quinn" did not say QA passed it.
 */
describe("the CR evidence's QA table", () => {
  it('lists every tick of an item in order, with who and their role, the failure and its reopening included', async () => {
    const opened = await openConsole('qa-evidence');
    const h = consoles.closeAfter(opened.host);
    await deployToS01(h);

    const quinn = consoleCalls('quinn-window');
    await quinn.value(h, 'setOperator', { name: 'quinn', role: 'QA' });
    const [first, regression] = (await quinn.value<ReleaseView>(h, 'getReleaseView', {})).qa;
    await quinn.value(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: regression!.id, outcome: 'fail', note: 'calls drop after transfer' });
    await quinn.value(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: regression!.id, outcome: 'open' });
    await quinn.value(h, 'tickQaItem', { releaseId: PRODUCTION, itemId: regression!.id, outcome: 'pass', note: 'retested after the fix' });

    const file = await quinn.value<{ content: string }>(h, 'exportEvidence', { releaseId: PRODUCTION, format: 'cr-markdown' });
    const rows = file.content.split('\n').filter((line) => line.startsWith(`| ${regression!.title} |`));
    expect(rows).toEqual([
      `| ${regression!.title} | fail | quinn (QA) | 2026-03-19T10:55:00Z | calls drop after transfer |  |`,
      `| ${regression!.title} | reopened | quinn (QA) | 2026-03-19T10:55:00Z |  |  |`,
      `| ${regression!.title} | pass | quinn (QA) | 2026-03-19T10:55:00Z | retested after the fix |  |`,
    ]);
    // An item nobody ticked is one row, open.
    expect(file.content.split('\n').filter((line) => line.startsWith(`| ${first!.title} |`))).toEqual([`| ${first!.title} | open | — | — |  |  |`]);
  }, 90_000);
});
