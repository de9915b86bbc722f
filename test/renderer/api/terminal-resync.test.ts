import { describe, expect, it } from 'vitest';
import type { Result, TerminalReplay } from '../../../shared/api';
import { missedNotice, TerminalResync } from '../../../renderer/api/terminal-resync';

const S = 'term-1';

function replay(text: string, end: number): Result<TerminalReplay> {
  return {
    ok: true,
    value: {
      info: { sessionId: S, regionId: null, kind: 'shell', title: 'sh', argv: ['sh'], phase: 'running', pid: 1, exit: null, cols: 80, rows: 24, startedAt: 0, endedAt: null },
      replay: text,
      replayEnd: end,
    },
  };
}

/** A resync whose view attached when the session had printed `abc` and then received `def` live. */
function attachedAfterDef(): TerminalResync {
  const resync = new TerminalResync();
  const ticket = resync.requested('attachTerminal', { sessionId: S });
  resync.answered('attachTerminal', ticket, replay('abc', 3));
  expect(resync.receive({ sessionId: S, data: 'def', offset: 3 })).toEqual([{ sessionId: S, data: 'def', offset: 3 }]);
  return resync;
}

describe("a window's terminals across a new socket", () => {
  it('hands the view only the output it missed, from the replay, and acknowledges the rest at once', () => {
    const resync = attachedAfterDef();
    expect(resync.reattachAll()).toEqual([S]);
    const { chunks, alreadyShown } = resync.reattached(S, replay('bcdefghi', 9));
    expect(chunks).toEqual([{ sessionId: S, data: 'ghi', offset: 6 }]);
    expect(alreadyShown).toBe(5);
  });

  it('says how much went by when the replay no longer reaches back to what the view had', () => {
    const resync = attachedAfterDef();
    resync.reattachAll();
    const { chunks, alreadyShown } = resync.reattached(S, replay('WXYZ', 1_006));
    expect(chunks).toEqual([
      { sessionId: S, data: missedNotice(996), offset: 6 },
      { sessionId: S, data: 'WXYZ', offset: 1_002 },
    ]);
    expect(alreadyShown).toBe(0);
  });

  it('holds live output that arrives before the replay, then passes on only what the replay did not hold', () => {
    const resync = attachedAfterDef();
    resync.reattachAll();
    expect(resync.receive({ sessionId: S, data: 'hij', offset: 7 })).toEqual([]);
    expect(resync.receive({ sessionId: S, data: 'klm', offset: 10 })).toEqual([]);
    const { chunks } = resync.reattached(S, replay('defghi', 9));
    expect(chunks.map((c) => c.data).join('')).toBe('ghijklm');
    expect(chunks.at(-1)).toEqual({ sessionId: S, data: 'klm', offset: 10 });
    expect(resync.receive({ sessionId: S, data: 'lmn', offset: 11 })).toEqual([{ sessionId: S, data: 'n', offset: 13 }]);
  });

  it('does not attach again a session the view detached from, even when the attach answered late', () => {
    const resync = new TerminalResync();
    const first = resync.requested('attachTerminal', { sessionId: S });
    resync.requested('detachTerminal', { sessionId: S });
    resync.answered('attachTerminal', first, replay('abc', 3));
    expect(resync.reattachAll()).toEqual([]);
  });

  it('forgets a session that was closed while the socket was down', () => {
    const resync = attachedAfterDef();
    resync.reattachAll();
    const gone = resync.reattached(S, { ok: false, error: { code: 'not_found', message: 'no such terminal' } });
    expect(gone).toEqual({ chunks: [], alreadyShown: 0 });
    expect(resync.reattachAll()).toEqual([]);
  });
});
