import { afterEach, describe, expect, it } from 'vitest';
import type { TerminalInfo } from '../../../shared/api/terminal';
import { createTestService } from './fixture';

describe("a region's shells, named as they open", () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  async function untilPhase(sessionId: string, phase: TerminalInfo['phase']): Promise<void> {
    for (let i = 0; i < 500 && fixture.service.info(sessionId).phase !== phase; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fixture.service.info(sessionId).phase).toBe(phase);
  }

  it('names the second shell of a region "Shell 2", keeps it when the first closes, and gives the freed name to the next', async () => {
    fixture = createTestService();
    const open = (regionId: string | null) => fixture.service.open({ regionId, consumerId: 'window-1' }).info;
    const first = open('LON');
    const second = open('LON');
    // Another region, and a shell in no region, count their own shells.
    expect([first.title, second.title, open('S01').title, open(null).title]).toEqual(['Shell', 'Shell 2', 'Shell', 'Shell']);

    await fixture.service.close(first.sessionId);
    expect(fixture.service.info(second.sessionId).title).toBe('Shell 2');
    expect(open('LON').title).toBe('Shell');
    expect(open('LON').title).toBe('Shell 3');
  });

  it("keeps an ended shell's name taken while its tab is still there", async () => {
    fixture = createTestService();
    const first = fixture.service.open({ regionId: 'LON', consumerId: 'window-1' }).info;
    await untilPhase(first.sessionId, 'running');
    fixture.service.write(first.sessionId, 'exit 0\n');
    await untilPhase(first.sessionId, 'exited');
    expect(fixture.service.open({ regionId: 'LON', consumerId: 'window-1' }).info.title).toBe('Shell 2');
  });
});
