import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../shared/clock';
import { TerminalService } from '../../../main/terminal/service';
import { BIN } from './run';

describe('demo tools in a real pty', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'rc-demo-pty-'));
  const service = new TerminalService({
    clock: systemClock(),
    dataDir: home,
    env: { PATH: `${BIN}:/usr/bin:/bin`, HOME: home, RELEASE_CONSOLE_DEMO_SPEED: '0' },
  });
  afterEach(async () => {
    await service.closeAll();
    rmSync(home, { recursive: true, force: true });
  });

  it('runs maintenance enable --region EUW2 from PATH as a command step, in colour, and its exit code decides', async () => {
    const raw: string[] = [];
    service.onOutput((e) => raw.push(e.data));
    const first = await service.runCommand('EUW2', ['maintenance', 'enable', '--region', 'EUW2'], { commandId: 'maintenance-enable', releaseId: 'drill' });
    expect(first.exitCode).toBe(0);
    expect(first.output).toContain('Maintenance mode enabled in EUW2, traffic served by EUC1');
    expect(raw.join('')).toContain('\x1b[32m');
    const second = await service.runCommand('EUW2', ['maintenance', 'enable', '--region', 'EUW2'], { commandId: 'maintenance-enable', releaseId: 'drill' });
    expect(second.exitCode).toBe(1);
    expect(second.output).toContain('already enabled');
  });
});
