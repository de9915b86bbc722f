import { describe, expect, it } from 'vitest';
import type { ReleaseView } from '../../../shared/api';
import { logEvents, rehearsalDir } from '../../release-log';
import { consoleCalls, openConsole, PRODUCTION } from './console-calls';
import { consoleOfEachTest, demoToolsOfEachTest } from './demo-console';

demoToolsOfEachTest();
const consoles = consoleOfEachTest();

/**
 * Seed 000's gate 2: "QA moves HO to "HO Peer Review" status". Before, any role could move any handover: a PE
 * put HO-1242, failed at PE review, straight back into peer review, and the log said the PE did what the
 * runbook gives QA to do, with no refusal anywhere.
 */
describe('a handover move by a role the workspace does not give it to', () => {
  it('is refused with the rule and its seed, shown disabled on the board, and goes for QA', async () => {
    const opened = await openConsole('ho-owners');
    const h = consoles.closeAfter(opened.host);
    const alice = consoleCalls('alice-window');
    const quinn = consoleCalls('quinn-window');
    await alice.value(h, 'setOperator', { name: 'alice', role: 'PE' });
    await quinn.value(h, 'setOperator', { name: 'quinn', role: 'QA' });

    const move = { releaseId: PRODUCTION, handoverId: 'HO-1242', to: 'HO Peer Review' };
    const refused = await alice.refusal(h, 'transitionHandover', move);
    expect(refused).toBe('Only QA may move a handover to “HO Peer Review” (seed 000 gate 2: “QA moves HO to "HO Peer Review" status”); you are PE.');

    // The board offers the move to alice disabled, with the same words, and to quinn enabled.
    const asAlice = (await alice.value<ReleaseView>(h, 'getReleaseView', {})).handovers.find((ho) => ho.id === 'HO-1242')!;
    expect(asAlice.nextStatuses).toEqual([]);
    expect(asAlice.refusedMoves).toEqual([{ to: 'HO Peer Review', reason: refused, instants: [] }]);
    const asQuinn = (await quinn.value<ReleaseView>(h, 'getReleaseView', {})).handovers.find((ho) => ho.id === 'HO-1242')!;
    expect(asQuinn.nextStatuses).toEqual(['HO Peer Review']);
    expect(asQuinn.refusedMoves).toEqual([]);

    const events = () => logEvents(rehearsalDir(opened.dataDir));
    expect(events().filter((e) => e.type === 'handoverMoved')).toEqual([]);
    expect(events().filter((e) => e.type === 'refused' && e.intent === 'transitionHandover')).toMatchObject([{ actor: { name: 'alice', role: 'PE' }, reasons: [refused] }]);

    await quinn.value(h, 'transitionHandover', move);
    expect(events().filter((e) => e.type === 'handoverMoved')).toMatchObject([{ actor: { name: 'quinn', role: 'QA' }, handover: 'HO-1242', from: 'Failed P.E Review', to: 'HO Peer Review' }]);
    // Seed 000 gate 3: the PE reviews the handover; moving it on to "Ready for P.E Review" is QA's again.
    expect(await alice.refusal(h, 'transitionHandover', { ...move, to: 'Ready for P.E Review' })).toMatch(/^Only QA may move a handover to “Ready for P.E Review”/);
  }, 60_000);
});
