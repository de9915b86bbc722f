import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TerminalInfo } from '../../../shared/api/terminal';
import { PTY_HOST_UNRESPONSIVE_MS } from '../../../shared/terminal/ptyHost';
import { systemClock } from '../../../shared/clock';
import { forkPtyHost } from '../../../main/terminal/ptyHost/launch';
import { PtyHost } from '../../../main/terminal/ptyHost/supervisor';
import { TerminalService, type TerminalServiceOptions } from '../../../main/terminal/service';

/**
 * A real service on real ptys, writing into a temporary data folder that `dispose` removes. The ptys run
 * in a real pty host process (the built out/ptyHost/index.cjs), as in the console, unless the test hands
 * in its own `spawn`.
 */
export function createTestService(overrides: Partial<TerminalServiceOptions> = {}) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-terminal-'));
  const ptyHost = overrides.spawn === undefined ? (overrides.ptyHost ?? new PtyHost(forkPtyHost())) : undefined;
  const service = new TerminalService({
    clock: systemClock(),
    dataDir,
    // node's own folder first, so test programs written in node run without a global install.
    env: { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: dataDir, LANG: 'C.UTF-8' },
    shell: ['/bin/sh'],
    killGraceMs: 300,
    stopEscalationMs: 300,
    ...(ptyHost === undefined ? {} : { ptyHost }),
    ...overrides,
  });
  const output = new Map<string, string>();
  const states = new Map<string, TerminalInfo['phase'][]>();
  service.onOutput(({ sessionId, data }) => output.set(sessionId, (output.get(sessionId) ?? '') + data));
  service.onState((info) => states.set(info.sessionId, [...(states.get(info.sessionId) ?? []), info.phase]));
  return {
    service,
    ptyHost: ptyHost instanceof PtyHost ? ptyHost : null,
    dataDir,
    output,
    states,
    /**
     * Resolves once the session's output contains `text`. The output crosses the pty host, another process;
     * the console itself waits PTY_HOST_UNRESPONSIVE_MS for a silent host before taking it as hung (a loaded
     * 2-core machine delays it), so a test waits as long before failing, not a third of it.
     */
    async waitForOutput(sessionId: string, text: string | RegExp, timeoutMs = PTY_HOST_UNRESPONSIVE_MS): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const seen = output.get(sessionId) ?? '';
        if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) return seen;
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(text)} in ${JSON.stringify(seen.slice(-500))}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async dispose() {
      await service.closeAll();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function openFdCount(): number {
  return readdirSync('/proc/self/fd').length;
}

interface ProcessEntry {
  pid: number;
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
}

/** Every process on the machine, from /proc (field 3 is the state, 4 the parent, 5 the process group, 6 the session). */
export function processes(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name in parentheses may itself contain spaces or parentheses: split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      entries.push({ pid: Number(name), state: fields[0] ?? '?', ppid: Number(fields[1]), pgid: Number(fields[2]), sid: Number(fields[3]) });
    } catch {
      // The process ended while we were reading.
    }
  }
  return entries;
}

/** Whether the process exists and is not merely a zombie waiting to be reaped. */
export function isRunning(pid: number): boolean {
  return processes().some((p) => p.pid === pid && p.state !== 'Z');
}
