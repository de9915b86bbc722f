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

describe("a session's output across its lane and the API socket", () => {
  it('holds a frame that came on the lane ahead of the API socket until the frames before it arrive, and hands them over in order', () => {
    const resync = attachedAfterDef();
    // The lane opened at offset 9: its first frame overtook 'ghi', still on the API socket.
    expect(resync.receive({ sessionId: S, data: 'jkl', offset: 9 })).toEqual([]);
    expect(resync.receive({ sessionId: S, data: 'mn', offset: 12 })).toEqual([]);
    expect(resync.receive({ sessionId: S, data: 'ghi', offset: 6 })).toEqual([
      { sessionId: S, data: 'ghi', offset: 6 },
      { sessionId: S, data: 'jkl', offset: 9 },
      { sessionId: S, data: 'mn', offset: 12 },
    ]);
    expect(resync.receive({ sessionId: S, data: 'o', offset: 14 })).toEqual([{ sessionId: S, data: 'o', offset: 14 }]);
  });

  it('attaches again a session whose lane was lost with frames on it, and hands the view the gap from the replay', () => {
    const resync = attachedAfterDef();
    // 'ghi' was on the lane when it was lost; 'jkl' came on the API socket after.
    expect(resync.receive({ sessionId: S, data: 'jkl', offset: 9 })).toEqual([]);
    expect(resync.reattachOne(S)).toBe(true);
    expect(resync.reattachOne(S)).toBe(false);
    expect(resync.receive({ sessionId: S, data: 'mno', offset: 12 })).toEqual([]);
    const { chunks, alreadyShown } = resync.reattached(S, replay('defghijkl', 12));
    expect(chunks.map((c) => c.data).join('')).toBe('ghijklmno');
    expect(chunks[0]).toEqual({ sessionId: S, data: 'ghijkl', offset: 6 });
    expect(alreadyShown).toBe(3);
  });

  it('attaches the session again on the next socket when the socket went down before the attach was answered', () => {
    const resync = attachedAfterDef();
    expect(resync.reattachOne(S)).toBe(true);
    expect(resync.receive({ sessionId: S, data: 'jkl', offset: 9 })).toEqual([]);
    expect(resync.reattached(S, { ok: false, error: { code: 'unavailable', message: 'The connection to the console was lost.' } })).toEqual({ chunks: [], alreadyShown: 0 });
    expect(resync.reattachAll()).toEqual([S]);
    const { chunks } = resync.reattached(S, replay('ghijklmn', 14));
    expect(chunks.map((c) => c.data).join('')).toBe('ghijklmn');
  });

  it('forgets what waited past a gap once the view detaches', () => {
    const resync = attachedAfterDef();
    resync.receive({ sessionId: S, data: 'jkl', offset: 9 });
    resync.requested('detachTerminal', { sessionId: S });
    expect(resync.reattachOne(S)).toBe(false);
    const again = resync.requested('attachTerminal', { sessionId: S });
    resync.answered('attachTerminal', again, replay('ghijklmnop', 16));
    expect(resync.receive({ sessionId: S, data: 'q', offset: 16 })).toEqual([{ sessionId: S, data: 'q', offset: 16 }]);
  });
});
