import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../shared/clock';
import { TranscriptId } from '../../../shared/api';
import { MAX_SHELL_TRANSCRIPT_CHARS, ShellTranscripts } from '../../../main/terminal/shell-transcript';
import { TranscriptIndex } from '../../../main/terminal/transcript-index';
import { createTestService } from './fixture';

describe("a shell's transcript in the region's history", () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('keeps what a real shell printed, with its exit, and lists it under its region after the shell is closed', async () => {
    fixture = createTestService();
    const recorder = new ShellTranscripts(fixture.dataDir, systemClock());
    recorder.record(fixture.service);
    const { info } = fixture.service.open({ regionId: 'LON', consumerId: 'window-1', cols: 100, rows: 30 });
    fixture.service.write(info.sessionId, 'echo "kept-$((20 + 22))"; exit 3\r');
    await fixture.waitForOutput(info.sessionId, 'kept-42');
    for (let i = 0; i < 400 && fixture.service.info(info.sessionId).phase !== 'exited'; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.service.close(info.sessionId);
    await recorder.stop();

    const index = new TranscriptIndex(fixture.dataDir);
    const [shell, ...others] = await index.list('LON');
    expect(others).toEqual([]);
    expect(shell, JSON.stringify(shell)).toMatchObject({ kind: 'shell', commandId: null, regionId: 'LON', argv: ['/bin/sh'], title: 'Shell', exitCode: 3, signal: null, omittedChars: 0 });
    expect(shell!.endedAt).not.toBeNull();
    // How long it ran, on the wall clock (the console's can be a rehearsal's, standing still).
    expect(shell!.elapsedMs).toBeGreaterThan(0);
    expect(TranscriptId.safeParse(shell!.id).success).toBe(true);
    expect(await index.list('S01')).toEqual([]);

    const opened = await index.read(shell!.id);
    expect(opened?.output).toContain('kept-42');
    expect(opened?.transcript.size).toBe(Buffer.byteLength(opened!.output));
  });

  it("keeps no secret key typed key by key into bash in a 30-column terminal, where readline wraps the echo", async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const home = mkdtempSync(path.join(os.tmpdir(), 'rc-bash-home-'));
    // The C locale: there readline wraps a long line with " \r" at the margin (under UTF-8 it leaves the wrap to the terminal).
    fixture = createTestService({ shell: ['/bin/bash', '--norc', '--noprofile', '-i'], env: { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C' } });
    const recorder = new ShellTranscripts(fixture.dataDir, systemClock());
    recorder.record(fixture.service);
    const { info } = fixture.service.open({ regionId: 'LON', consumerId: 'window-1', cols: 30, rows: 10 });
    await fixture.waitForOutput(info.sessionId, /[$#] $/);
    // One key at a time, as a person types: readline redraws after each, wrapping at the margin.
    for (const key of `echo AWS_SECRET_ACCESS_KEY=${secret}; exit\r`) {
      fixture.service.write(info.sessionId, key);
      await new Promise((r) => setTimeout(r, 5));
    }
    await fixture.waitForOutput(info.sessionId, /exit\r\n/);
    for (let i = 0; i < 400 && fixture.service.info(info.sessionId).phase !== 'exited'; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.service.close(info.sessionId);
    await recorder.stop();

    // The live output had the echo wrapped at the margin, and the secret whole on the line echo printed.
    expect(fixture.output.get(info.sessionId)).not.toContain(`echo AWS_SECRET_ACCESS_KEY=${secret}`);
    expect(fixture.output.get(info.sessionId)).toContain(secret);
    const [shell] = await new TranscriptIndex(fixture.dataDir).list('LON');
    const { output } = (await new TranscriptIndex(fixture.dataDir).read(shell!.id))!;
    for (const piece of [secret.slice(0, 12), secret.slice(12, 24), secret.slice(24)]) expect(output).not.toContain(piece);
    expect(output.split('[REDACTED:aws-secret]').length - 1).toBe(2);
  });

  it('stops keeping output at its cap and says how much it left out', async () => {
    fixture = createTestService();
    const recorder = new ShellTranscripts(fixture.dataDir, systemClock());
    recorder.record(fixture.service);
    const { info } = fixture.service.open({ regionId: 'LON', consumerId: 'window-1', cols: 100, rows: 30 });
    // The window acknowledges what it is sent, as xterm.js would, so flow control lets the flood through.
    fixture.service.onOutput(({ sessionId, data }) => fixture.service.acknowledge(sessionId, 'window-1', data.length));
    // ~4.9 M chars of output, past the 4 M cap (each line "flood line 012345\r\n" is 19 chars).
    fixture.service.write(info.sessionId, `seq -f 'flood line %06g' 1 258000; echo "FLOOD_$((1 + 1))"\r`);
    await fixture.waitForOutput(info.sessionId, 'FLOOD_2', 60_000);
    fixture.service.write(info.sessionId, 'exit\r');
    for (let i = 0; i < 400 && fixture.service.info(info.sessionId).phase !== 'exited'; i++) await new Promise((r) => setTimeout(r, 10));
    await fixture.service.close(info.sessionId);
    await recorder.stop();
    const [shell] = await new TranscriptIndex(fixture.dataDir).list('LON');
    const seen = fixture.output.get(info.sessionId)!.length;
    expect(shell!.size).toBe(MAX_SHELL_TRANSCRIPT_CHARS);
    expect(shell!.omittedChars).toBe(seen - MAX_SHELL_TRANSCRIPT_CHARS);
  }, 120_000);
});
