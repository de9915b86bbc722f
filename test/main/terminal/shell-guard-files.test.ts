// Issue 16, "Console shells": the shell guard's own files and socket, without a console: what a shim folder
// holds, who may read it, what a raw client on the socket gets, and what is left after a crash or a close.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardedTools, ShellGuard, type ShellDecider } from '../../../main/terminal/shell-guard';

let folder: string;
let guard: ShellGuard | null = null;
const asked: string[][] = [];
const decider: ShellDecider = {
  ask: async (_shell, argv) => {
    asked.push(argv);
    return { verdict: 'allowed' };
  },
  answer: async () => undefined,
  exited: async () => undefined,
};

beforeEach(() => {
  folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-guard-files-')), 'shell-shims');
  asked.length = 0;
});
afterEach(async () => {
  await guard?.close();
  guard = null;
  rmSync(path.dirname(folder), { recursive: true, force: true });
});

/** One request line on a raw socket, and the reply line (or null when the guard hangs up). */
function exchange(socketPath: string, line: string): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const socket = net.createConnection(socketPath);
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) {
        socket.destroy();
        resolve(JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>);
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', () => resolve(null));
    socket.write(line);
  });
}

describe('the shell guard', () => {
  it('shims each tool the workspace names by a plain name, and nothing given as a path or with odd characters', () => {
    expect(guardedTools(['maintenance', 'deploy', 'rmht', 'deploy', '/opt/bin/deploy', './tool', "it's", 'a b', '..', ''])).toEqual(['deploy', 'maintenance', 'rmht']);
  });

  it("keeps its folder private (0700) and its socket the user's (0600), with a shim per tool that execs the client with argv as entries", async () => {
    guard = await ShellGuard.start({ folder, tools: ['deploy', 'maintenance'], decider, nodePath: '/usr/bin/node' });
    const session = path.dirname(guard.binDir);
    expect(statSync(session).mode & 0o777).toBe(0o700);
    expect(statSync(guard.socketPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(guard.binDir).sort()).toEqual(['deploy', 'maintenance']);
    const shim = readFileSync(path.join(guard.binDir, 'deploy'), 'utf8');
    expect(shim).toMatch(/^#!\/bin\/sh\n/);
    expect(shim).toContain(`node='/usr/bin/node'\nexec "$node" '${path.join(session, 'client.mjs')}' 'deploy' "$@"\n`);
    expect(statSync(path.join(guard.binDir, 'deploy')).mode & 0o111).not.toBe(0);
    const env = guard.envFor('EUW2', '/usr/bin:/bin');
    expect(env.PATH).toBe(`${guard.binDir}:/usr/bin:/bin`);
    expect(env.RELEASE_CONSOLE_SHIM_TOKEN).toMatch(/^[0-9a-f]{48}$/);
    // Each shell its own token.
    expect(guard.envFor('EUW2', '/usr/bin').RELEASE_CONSOLE_SHIM_TOKEN).not.toBe(env.RELEASE_CONSOLE_SHIM_TOKEN);
  });

  it('answers a wrong token and a malformed line with a refusal, asks nothing, and hangs up on an endless line', async () => {
    guard = await ShellGuard.start({ folder, tools: ['deploy'], decider });
    const { RELEASE_CONSOLE_SHIM_TOKEN: token } = guard.envFor('EUW2', '/bin');
    expect(await exchange(guard.socketPath, `${JSON.stringify({ type: 'ask', token: 'f'.repeat(48), argv: ['deploy'] })}\n`)).toEqual({ verdict: 'refused', message: "This shell's token is not one the console gave out." });
    expect(await exchange(guard.socketPath, '{"type":"ask","token":\n')).toEqual({ verdict: 'refused', message: 'The console could not read what the shim asked.' });
    expect(await exchange(guard.socketPath, `${JSON.stringify({ type: 'exited', exitCode: 0, signal: null })}\n`)).toEqual({ verdict: 'refused', message: 'The console did not expect "exited" now.' });
    expect(await exchange(guard.socketPath, 'x'.repeat(600 * 1024))).toBeNull();
    expect(asked).toEqual([]);
    expect(await exchange(guard.socketPath, `${JSON.stringify({ type: 'ask', token, argv: ['deploy', 'status'] })}\n`)).toEqual({ verdict: 'allowed' });
    expect(asked).toEqual([['deploy', 'status']]);
  });

  it("removes a crashed console's session folder at the next start, keeps a live one's, and removes its own at close", async () => {
    const crashed = path.join(folder, 'session-crashed');
    mkdirSync(path.join(crashed, 'bin'), { recursive: true });
    writeFileSync(path.join(crashed, 'socket-path'), path.join(crashed, 'guard.sock'));
    const live = await ShellGuard.start({ folder, tools: ['deploy'], decider });
    guard = await ShellGuard.start({ folder, tools: ['deploy'], decider });
    expect(existsSync(crashed)).toBe(false);
    expect(existsSync(live.binDir)).toBe(true);
    await live.close();
    expect(existsSync(path.dirname(live.binDir))).toBe(false);
  });

  it('fails closed when the shim client is missing: the shim runs nothing and says why', async () => {
    guard = await ShellGuard.start({ folder, tools: ['deploy'], decider, clientEntry: path.join(folder, 'no-such-client.mjs') });
    const shim = readFileSync(path.join(guard.binDir, 'deploy'), 'utf8');
    expect(shim).toContain('the shim client is missing');
    expect(shim).toContain('exit 126');
    expect(shim).not.toContain('exec');
  });
});
