import { afterEach, describe, expect, it } from 'vitest';
import { createTestService } from './fixture';

const BURST_CHARS = 100_000;
const RUNS = 200;

describe('terminal output at exit', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it(`delivers every char of a 100 kB burst followed by exit 3, in ${RUNS} runs out of ${RUNS}`, async () => {
    fixture = createTestService();
    const offsets = new Map<string, number>();
    let gaps = 0;
    fixture.service.onOutput(({ sessionId, data, offset }) => {
      // Offsets must be contiguous: a gap or an overlap would mean a lost or repeated chunk.
      if ((offsets.get(sessionId) ?? 0) !== offset) gaps++;
      offsets.set(sessionId, offset + data.length);
    });
    const failures: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await fixture.service.runCommand(null, ['/bin/sh', '-c', `head -c ${BURST_CHARS} /dev/zero | tr '\\0' x; exit 3`], {
        commandId: 'burst',
      });
      const count = result.output.split('x').length - 1;
      if (result.exitCode !== 3 || count !== BURST_CHARS || result.signal !== null) {
        failures.push(`run ${run}: exit ${result.exitCode} signal ${result.signal} chars ${count}`);
      }
    }
    expect(failures).toEqual([]);
    expect(gaps).toBe(0);
  }, 180_000);
});
