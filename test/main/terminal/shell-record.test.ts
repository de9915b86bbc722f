import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, TerminalInfo, TerminalReplay } from '../../../shared/api';
import { REDACTION_MARKER } from '../../../shared/terminal/redact';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { foldLog, logEvents } from '../../release-log';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwZS1hbGljZSJ9.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

/**
 * Issue 16: the free shell bypasses every rule, so it is on record. The real console on the demo
 * workspace, a real shell on a real pty: its open and close are in the release log with the transcript's
 * hash, and the transcript on disk holds no credential the shell printed.
 */
describe('a console shell on record', () => {
  let host: Host | null = null;
  let root = '';
  afterEach(async () => {
    await host?.close();
    host = null;
    rmSync(root, { recursive: true, force: true });
  });

  const context = { transport: 'browser' as const, connectionId: 'shell-record' };

  it('logs who opened a free shell and its close with the SHA-256 of a transcript that holds no secret', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rc-shell-record-'));
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' } }));
    const live: string[] = [];
    let exited = false;
    host.onEvent((event, payload) => {
      if (event === 'terminalOutput') live.push((payload as { data: string }).data);
      if (event === 'terminalState' && (payload as TerminalInfo).exit !== null) exited = true;
    });
    const opened = (await host.invoke('openTerminal', { regionId: null, cols: 200, rows: 30 }, context)) as Result<TerminalReplay>;
    if (!opened.ok) throw new Error(opened.error.message);
    const { sessionId } = opened.value.info;
    const typed = `echo AWS_SECRET_ACCESS_KEY=${SECRET}; echo "Authorization: Bearer ${JWT}"; echo "done-$((40 + 2))"; exit 7\n`;
    await host.invoke('writeTerminal', { sessionId, data: typed }, context);
    for (let i = 0; i < 1000 && !exited; i++) await new Promise((r) => setTimeout(r, 10));
    expect(exited).toBe(true);
    await host.invoke('closeTerminal', { sessionId }, context);
    await host.close();
    host = null;

    // The live view showed what the shell printed; the file must not hold it.
    expect(live.join('')).toContain(SECRET);
    const dataDir = path.join(root, 'live');
    const folder = path.join(dataDir, 'transcripts', 'shells');
    const [outFile, ...others] = readdirSync(folder).filter((name) => name.endsWith('.out'));
    expect(others).toEqual([]);
    const file = readFileSync(path.join(folder, outFile!));
    const text = file.toString('utf8');
    expect(text).toContain('done-42');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET.slice(0, 20));
    expect(text).not.toContain(JWT);
    expect(text).toContain(`AWS_SECRET_ACCESS_KEY=${REDACTION_MARKER}aws-secret]`);
    expect(text).toContain(`Authorization: Bearer ${REDACTION_MARKER}bearer-token]`);

    const transcript = outFile!.slice(0, -'.out'.length);
    const events = logEvents(dataDir).filter((e) => e.type === 'shellOpened' || e.type === 'shellClosed');
    expect(events.map((e) => e.type)).toEqual(['shellOpened', 'shellClosed']);
    expect(events[0]).toMatchObject({ type: 'shellOpened', sessionId, region: null, transcript, actor: { name: 'alice', role: 'PE' } });
    const release = (events[0] as { release: string | null }).release;
    expect(release).not.toBeNull();
    expect(events[1]).toMatchObject({
      type: 'shellClosed',
      sessionId,
      transcript,
      release,
      exitCode: 7,
      bytes: file.length,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
    // The release in use keeps the shell for its CR evidence.
    expect(foldLog(dataDir).releases[release!]?.shells).toMatchObject([{ transcript, regionId: null, openedBy: { name: 'alice' }, exitCode: 7, bytes: file.length }]);
  }, 30_000);

  // Before, a shell's end was logged as whoever had last been signed in at any window: alice's shell, ended
  // while quinn had just signed in at another window, was closed "by quinn" in the record.
  it("logs a shell's end as its own, whoever signed in at another window since", async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rc-shell-record-'));
    ({ host } = await createConsole({ dataDir: root, operator: { name: 'alice', role: 'PE' } }));
    let exited = false;
    host.onEvent((event, payload) => {
      if (event === 'terminalState' && (payload as TerminalInfo).exit !== null) exited = true;
    });
    const opened = (await host.invoke('openTerminal', { regionId: 'S01', cols: 120, rows: 30 }, context)) as Result<TerminalReplay>;
    if (!opened.ok) throw new Error(opened.error.message);
    const { sessionId } = opened.value.info;
    expect((await host.invoke('setOperator', { name: 'quinn', role: 'QA' }, { transport: 'browser', connectionId: 'qa-window' })).ok).toBe(true);
    await host.invoke('writeTerminal', { sessionId, data: 'exit 0\n' }, context);
    for (let i = 0; i < 1000 && !exited; i++) await new Promise((r) => setTimeout(r, 10));
    await host.invoke('closeTerminal', { sessionId }, context);
    await host.close();
    host = null;
    const events = logEvents(path.join(root, 'live')).filter((e) => e.type === 'shellOpened' || e.type === 'shellClosed');
    expect(events.map((e) => [e.type, e.actor.name])).toEqual([
      ['shellOpened', 'alice'],
      ['shellClosed', 'alice'],
    ]);
  }, 30_000);

  // Before, a shell opened under no release (a workspace with none) was not in any release's record, so its end
  // fell back to whoever had last signed in anywhere: alice's shell, ended while quinn had just signed in at
  // another window, was closed "by quinn".
  it("logs the end of a shell opened under no release as its own too", async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rc-shell-record-'));
    const workspaceDir = path.join(__dirname, '..', '..', 'fixtures', 'workspaces', 'minimal');
    // A rehearsal, where each window names its persona, so a second person can sign in beside alice.
    ({ host } = await createConsole({ dataDir: root, workspaceDir, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    let exited = false;
    host.onEvent((event, payload) => {
      if (event === 'terminalState' && (payload as TerminalInfo).exit !== null) exited = true;
    });
    const opened = (await host.invoke('openTerminal', { regionId: null, cols: 120, rows: 30 }, context)) as Result<TerminalReplay>;
    if (!opened.ok) throw new Error(opened.error.message);
    const { sessionId } = opened.value.info;
    expect((await host.invoke('setOperator', { name: 'quinn', role: 'QA' }, { transport: 'browser', connectionId: 'qa-window' })).ok).toBe(true);
    await host.invoke('writeTerminal', { sessionId, data: 'exit 0\n' }, context);
    for (let i = 0; i < 1000 && !exited; i++) await new Promise((r) => setTimeout(r, 10));
    await host.invoke('closeTerminal', { sessionId }, context);
    await host.close();
    host = null;
    const log = readdirSync(root, { recursive: true, encoding: 'utf8' }).find((name) => path.basename(name) === 'release-log.jsonl')!;
    const dataDir = path.join(root, path.dirname(log));
    const events = logEvents(dataDir).filter((e) => e.type === 'shellOpened' || e.type === 'shellClosed');
    expect(events.map((e) => [e.type, e.actor.name, (e as { release: string | null }).release])).toEqual([
      ['shellOpened', 'alice', null],
      ['shellClosed', 'alice', null],
    ]);
  }, 30_000);
});
