import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ACK_CHUNK_CHARS, HIGH_WATERMARK_CHARS, WrittenChars } from '../../../shared/terminal/flowControl';
import { spawnNodePty, type SpawnPty } from '../../../main/terminal/pty';
import { createTestService } from './fixture';

/** node's tty stream reads at most 64 KiB at a time: the most that can arrive after a pause decision. */
const LARGEST_READ_CHARS = 64 * 1024;
const FILE_BYTES = 20 * 1024 * 1024;
/**
 * A window that takes this long to write each batch: long enough that, at the pace of a `cat` on a loaded machine
 * (beside three test files, ~10 M chars/s), more than the high watermark arrives before the first acknowledgement.
 * At 50 ms a 4-fork run left the pty never paused (a cat slower than 40 M chars/s never needed to be).
 */
const SLOW_WRITE_MS = 250;

describe('flow control', () => {
  let fixture: ReturnType<typeof createTestService>;
  afterEach(async () => fixture.dispose());

  it('holds a cat of 20 MB to the high watermark for a slow window and drops nothing', async () => {
    let pauses = 0;
    const countingSpawn: SpawnPty = (file, args, options) => {
      const pty = spawnNodePty(file, args, options);
      const pause = pty.pause.bind(pty);
      pty.pause = () => {
        pauses++;
        pause();
      };
      return pty;
    };
    fixture = createTestService({ spawn: countingSpawn });
    const file = path.join(fixture.dataDir, 'big.txt');
    const line = 'release-console flow control 0123456789 abcdefghijklmnopqrstuvwxyz\n';
    writeFileSync(file, line.repeat(Math.ceil(FILE_BYTES / line.length)));

    const window = 'slow-window';
    let sessionId = '';
    let received: string[] = [];
    let outstanding = 0;
    let mostOutstanding = 0;
    const writer = new WrittenChars();
    fixture.service.onOutput((event) => {
      if (event.sessionId !== sessionId) return;
      received.push(event.data);
      outstanding += event.data.length;
      mostOutstanding = Math.max(mostOutstanding, outstanding);
      // A slow window: xterm.js finishes writing each batch SLOW_WRITE_MS after it arrived, and only then
      // acknowledges; at cat's pace far more than the high watermark is in flight by then.
      setTimeout(() => {
        const ack = writer.written(event.data.length);
        if (ack > 0) {
          outstanding -= ack;
          fixture.service.acknowledge(sessionId, window, ack);
        }
      }, SLOW_WRITE_MS);
    });
    const result = await fixture.service.runCommand(null, ['cat', file], {
      commandId: 'cat-big',
      onStarted: (id) => {
        sessionId = id;
        received = [];
        fixture.service.attach(id, window);
      },
    });
    expect(result.exitCode).toBe(0);
    // The "$ cat …" banner was emitted before the session id was known, so `received` is cat's output alone.
    const catOutput = received.join('').replace(/\r\n/g, '\n');
    const expected = line.repeat(Math.ceil(FILE_BYTES / line.length));
    expect(catOutput.length).toBe(expected.length);
    expect(createHash('sha256').update(catOutput).digest('hex')).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(pauses).toBeGreaterThan(0);
    expect(mostOutstanding).toBeLessThanOrEqual(HIGH_WATERMARK_CHARS + LARGEST_READ_CHARS + ACK_CHUNK_CHARS);
    // The command's own copy is bounded: a huge output does not live in memory twice.
    expect(result.outputOmittedChars).toBeGreaterThan(0);
    expect(result.output.length).toBeLessThan(1_200_000);
  }, 120_000);

  it('resumes a paused pty when its only window goes away', async () => {
    fixture = createTestService();
    let sessionId = '';
    const floodChars = 4 * HIGH_WATERMARK_CHARS;
    const run = fixture.service.runCommand(null, ['/bin/sh', '-c', `head -c ${floodChars} /dev/zero | tr '\\0' z`], {
      commandId: 'flood',
      onStarted: (id) => {
        sessionId = id;
        fixture.service.attach(id, 'window-that-closes');
      },
    });
    // Never acknowledges: the pty pauses at the high watermark and would wait for ever.
    for (let i = 0; i < 1_000 && !(sessionId !== '' && fixture.service.info(sessionId).phase === 'running' && (fixture.output.get(sessionId) ?? '').length > HIGH_WATERMARK_CHARS); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(fixture.service.info(sessionId).phase).toBe('running');
    fixture.service.detachConsumer('window-that-closes');
    const result = await run;
    expect(result.exitCode).toBe(0);
    expect(result.output.split('z').length - 1 + result.outputOmittedChars).toBe(floodChars);
  });
});
