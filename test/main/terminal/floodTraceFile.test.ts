import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOOD_TRACE_ENV, traceFloodsFromEnv } from '../../../main/terminal/floodTraceFile';
import { markFlood, recordFloodMarks } from '../../../shared/terminal/floodTrace';

const folders: string[] = [];
afterEach(() => {
  recordFloodMarks(null);
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('flood marks written to a file', () => {
  it('writes each mark as a line of wall-clock ms, role, mark and its two numbers, in order', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'rc-flood-trace-'));
    folders.push(folder);
    const before = Date.now();
    traceFloodsFromEnv('host', { [FLOOD_TRACE_ENV]: folder });
    markFlood('ptyRead', 4095);
    markFlood('hostFlush', 69_615, 139_230);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(readdirSync(folder)).toEqual([`host-${process.pid}.txt`]);
    const lines = readFileSync(path.join(folder, `host-${process.pid}.txt`), 'utf8').trim().split('\n').map((line) => line.split(' '));
    expect(lines.map((fields) => fields.slice(1))).toEqual([
      ['host', 'ptyRead', '4095', '0'],
      ['host', 'hostFlush', '69615', '139230'],
    ]);
    const at = Number(lines[0]![0]);
    expect(at).toBeGreaterThanOrEqual(before - 1);
    expect(at).toBeLessThanOrEqual(Date.now());
  });

  it('installs nothing when the variable is not set', () => {
    const seen: string[] = [];
    recordFloodMarks((mark) => seen.push(mark));
    traceFloodsFromEnv('main', {});
    markFlood('socketSend', 100, 0);
    expect(seen).toEqual(['socketSend']);
  });
});
