// Seed 002's simulated kubectl behind the shell guard's kubectl shim, in a console shell: the real console
// (createConsole), a real pty and the operator's real shell. The shim and the tool share a name; the shim
// must ask first (live) or say what would run (rehearsal), and run the workspace's tool, never itself again.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { simulatedClock } from '../../../shared/clock';
import type { Result } from '../../../shared/api';
import type { TerminalReplay } from '../../../shared/api/terminal';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { shimClientEntry } from '../../../main/terminal/shell-guard';
import { rehearsalDir } from '../../release-log';
import { WORKSPACE } from './run';

const MONDAY = Date.parse('2026-03-02T09:00:00Z');
const context = { transport: 'browser' as const, connectionId: 'seed-002-shell' };
let dataDir = '';
let host: Host | null = null;
const output = new Map<string, string>();

beforeAll(() => {
  if (!existsSync(shimClientEntry())) throw new Error(`${shimClientEntry()} is missing: run node scripts/build.mjs first.`);
  vi.stubEnv('RELEASE_CONSOLE_DEMO_SPEED', '0');
});
afterAll(() => {
  vi.unstubAllEnvs();
});
afterEach(async () => {
  await host?.close();
  host = null;
  output.clear();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(h: Host, name: string, payload: unknown): Promise<T> {
  const result = (await h.invoke(name, payload, context)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

async function shell(mode: 'live' | 'rehearsal') {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'rc-seed002-shell-'));
  const operator = { name: 'dana', role: 'deployment engineer' };
  ({ host } = await createConsole({ dataDir, workspaceDir: WORKSPACE, operator, ...(mode === 'live' ? { clock: simulatedClock(MONDAY) } : { rehearsalStart: MONDAY }) }));
  host!.onEvent((event, payload) => {
    if (event !== 'terminalOutput') return;
    const { sessionId, data } = payload as { sessionId: string; data: string };
    output.set(sessionId, (output.get(sessionId) ?? '') + data);
  });
  const { info } = await call<TerminalReplay>(host!, 'openTerminal', { regionId: 'production', cols: 200, rows: 40 });
  const id = info.sessionId;
  const seen = () => (output.get(id) ?? '').replace(new RegExp(String.raw`\u001b\[[0-9;?]*[A-Za-z]`, 'g'), '');
  let from = 0;
  const waitFor = async (pattern: RegExp): Promise<string> => {
    const until = Date.now() + 20_000;
    for (;;) {
      const text = seen().slice(from);
      const match = pattern.exec(text);
      if (match) {
        from += match.index + match[0].length;
        return text.slice(0, match.index + match[0].length);
      }
      if (Date.now() > until) throw new Error(`no ${pattern} in the shell's output:\n${seen()}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const type = (line: string) => call(host!, 'writeTerminal', { sessionId: id, data: `${line}\r` });
  // Quoted apart, so only echo's output (not the tty's echo of the typed line) reads shell-ready.
  await type('echo "shell""-ready"');
  await waitFor(/shell-ready\r?\n/);
  const state = () => {
    const file = path.join(mode === 'live' ? path.join(dataDir, 'live') : rehearsalDir(dataDir), 'demo-tools.state');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };
  return { type, waitFor, state };
}

const SWITCH = `kubectl patch service app-service -n production -p '{"spec":{"selector":{"version":"green"}}}'`;

it('in a rehearsal, the kubectl shim stands in front of the simulated kubectl and runs nothing: it says what would have run', async () => {
  const production = await shell('rehearsal');
  await production.type(`${SWITCH}; echo "status=$?"`);
  const text = await production.waitFor(/status=(\d+)\r?\n/);
  expect(text).toContain(`Rehearsal: would run ${SWITCH}`);
  expect(text).not.toContain('service/app-service patched');
  expect(production.state()).toBe('');
}, 60_000);

it("live, the shim asks before the switch whose step is not ready, runs nothing on 'n', and runs the workspace's own kubectl on 'y'", async () => {
  const production = await shell('live');
  await production.type(`${SWITCH}; echo "status=$?"`);
  await production.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
  await production.type('n');
  expect(await production.waitFor(/status=(\d+)\r?\n/)).toMatch(/status=126/);
  expect(production.state()).toBe('');

  await production.type(`${SWITCH}; echo "status=$?"`);
  await production.waitFor(/run anyway\? it will be recorded \[y\/N\] /);
  await production.type('y');
  const ran = await production.waitFor(/status=(\d+)\r?\n/);
  // The shim ran the workspace's kubectl (not itself again): green still runs the last release, v1.2.2.
  expect(ran).toContain('service/app-service patched');
  expect(ran).toContain('production traffic: green (registry/app:v1.2.2), was blue');
  expect(ran).toMatch(/status=0\r?\n/);
  expect(production.state()).toBe('selector app-service green\n');
}, 60_000);
