import { readFileSync, statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import { TerminalRefusal } from '../../../main/terminal/service';
import { TranscriptIndex } from '../../../main/terminal/transcript-index';
import { createTestService } from './fixture';

describe('command transcripts', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('appends one JSON line per run to the release transcript, with escape sequences neutralised', async () => {
    fixture = createTestService({ clock: simulatedClock(Date.UTC(2026, 2, 13, 10, 55)) });
    const first = await fixture.service.runCommand('EUW2', ['printf', '\\033[31mred\\033[0m \\033]52;c;cGF3bmVk\\007done\\n'], {
      commandId: 'maintenance-status',
      releaseId: '2026-03-product-rollout',
    });
    const second = await fixture.service.runCommand('EUW2', ['/bin/sh', '-c', 'echo failing; exit 2'], {
      commandId: 'maintenance-enable',
      releaseId: '2026-03-product-rollout',
    });
    expect(second.transcriptFile).toBe(first.transcriptFile);
    const file = first.transcriptFile ?? '';
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      commandId: 'maintenance-status',
      releaseId: '2026-03-product-rollout',
      regionId: 'EUW2',
      argv: ['printf', '\\033[31mred\\033[0m \\033]52;c;cGF3bmVk\\007done\\n'],
      startedAt: Date.UTC(2026, 2, 13, 10, 55),
      exitCode: 0,
      signal: null,
      output: 'red done\n',
    });
    expect(lines[1]).toMatchObject({ commandId: 'maintenance-enable', exitCode: 2, output: 'failing\n' });
  });

  it("keeps how long a run took on the wall clock, while a rehearsal's clock stands still, and the history lists it", async () => {
    fixture = createTestService({ clock: simulatedClock(Date.UTC(2026, 2, 13, 10, 55)) });
    const result = await fixture.service.runCommand('EUW2', ['sleep', '0.4'], { commandId: 'wait', releaseId: '2026-03-product-rollout' });
    // The console clock did not move: by it, the run took no time at all.
    expect(result.endedAt - result.startedAt).toBe(0);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(400);
    expect(result.elapsedMs).toBeLessThan(30_000);
    const [listed] = await new TranscriptIndex(fixture.dataDir).list('EUW2');
    expect(listed?.elapsedMs).toBe(result.elapsedMs);
  });

  it('redacts a secret key a step printed in two writes, from the transcript file and the result kept in the log', async () => {
    fixture = createTestService();
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    // The key is never whole in the argv either: the transcript keeps the argv as it ran.
    const script = `printf 'AWS_SECRET_ACCESS_KEY=%s' "${secret.slice(0, 20)}"; sleep 0.2; printf '%s\\n' "${secret.slice(20)}"; echo after`;
    const result = await fixture.service.runCommand('EUW2', ['/bin/sh', '-c', script], { commandId: 'aws-configure-export', releaseId: '2026-03-product-rollout' });
    expect(result.output).toBe('AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret]\nafter\n');
    expect(readFileSync(result.transcriptFile ?? '', 'utf8')).not.toContain(secret);
  });

  it('refuses to run a command whose release id could not name a transcript file', async () => {
    fixture = createTestService();
    await expect(fixture.service.runCommand(null, ['true'], { commandId: 'x', releaseId: '../../etc/passwd' })).rejects.toThrow(/release id/);
    await expect(fixture.service.runCommand(null, ['true'], { commandId: 'x', releaseId: '../x' })).rejects.toBeInstanceOf(TerminalRefusal);
    expect(fixture.service.list()).toEqual([]);
  });
});
