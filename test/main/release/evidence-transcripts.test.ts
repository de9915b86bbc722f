// Issue 16: the CR evidence names every transcript, step runs' and console shells' alike, by name, size
// and SHA-256; their text goes in only when the PE asks for it.
import { rehearsalDir } from '../../release-log';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReleaseView, Result, StepView, TerminalInfo, TerminalReplay } from '../../../shared/api';
import { createConsole } from '../../../main/console';
import type { Host } from '../../../main/host/host';
import { until } from '../until';

const PRODUCTION = '2026-03-product-rollout';
const context = { transport: 'browser' as const, connectionId: 'evidence-transcripts' };
const SHELL_SAYS = 'checked-by-hand-in-S01';
/** What is typed to print SHELL_SAYS, quoted apart: the tty's echo of the typed line does not contain it, so the transcript has it only if echo ran. */
const TYPED = 'echo "checked-by-hand""-in-S01"';

interface ListedTranscript {
  name: string;
  kind: 'command' | 'shell';
  region: string | null;
  openedBy: string | null;
  bytes: number;
  sha256: string;
  content?: string;
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('the CR evidence lists every transcript', () => {
  let host: Host;
  let root = '';
  let run: { name: string; output: string };
  let shell: { name: string; file: Buffer };

  async function call<T>(name: string, payload: unknown): Promise<T> {
    const result = (await host.invoke(name, payload, context)) as Result<T>;
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    return result.value;
  }

  const exported = (format: string, includeTranscripts?: boolean) =>
    call<{ content: string }>('exportEvidence', { releaseId: PRODUCTION, format, ...(includeTranscripts === undefined ? {} : { includeTranscripts }) }).then((f) => f.content);

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'rc-evidence-transcripts-'));
    vi.stubEnv('RELEASE_CONSOLE_DEMO_SPEED', '0');
    try {
      ({ host } = await createConsole({ dataDir: root, rehearsalStart: Date.parse('2026-03-19T10:55:00Z'), operator: { name: 'alice', role: 'PE' } }));
    } finally {
      vi.unstubAllEnvs();
    }
    // A step's command: S01's maintenance mode on, at 11:00 in SDC's slot.
    await call('completeStep', { releaseId: PRODUCTION, stepId: 'write-prod-cr', regionId: null, outcome: 'done' });
    await call('setOperator', { name: 'bob', role: 'PE' });
    await call('approveStep', { releaseId: PRODUCTION, stepId: 'review-prod-cr', regionId: null });
    await call('setOperator', { name: 'alice', role: 'PE' });
    await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-baseline', regionId: 'S01' });
    await call('startStep', { releaseId: PRODUCTION, stepId: 'sdc-maintenance-on', regionId: 'S01' });
    await until('S01 maintenance on', async () => {
      const view = await call<ReleaseView>('getReleaseView', {});
      const step = view.gates.flatMap((g) => g.steps).find((s: StepView) => s.key === 'sdc-maintenance-on@S01');
      return step?.state === 'done' ? step : undefined;
    }, (found) => found !== undefined, 20_000);
    // A console shell in S01, by alice.
    // Typed at the prompt, as a person does: typed ahead of it, /bin/sh (CI has no $SHELL) prints its
    // prompt after the echoed line, and the shell's answer lands on the prompt's line.
    const printed = new Map<string, string>();
    host.onEvent((event, payload) => {
      if (event !== 'terminalOutput') return;
      const { sessionId, data } = payload as { sessionId: string; data: string };
      printed.set(sessionId, (printed.get(sessionId) ?? '') + data);
    });
    const opened = await call<TerminalReplay>('openTerminal', { regionId: 'S01', cols: 120, rows: 30 });
    const { sessionId } = opened.info;
    await until("the shell's prompt", async () => opened.replay + (printed.get(sessionId) ?? ''), (shown) => /[$#>] $/.test(shown), 20_000);
    await call('writeTerminal', { sessionId, data: `${TYPED}; exit 0\n` });
    await until('the shell to exit', async () => {
      const { terminals } = await call<{ terminals: TerminalInfo[] }>('listTerminals', {});
      return terminals.find((t) => t.sessionId === sessionId && t.exit !== null);
    }, (found) => found !== undefined, 20_000);
    await call('closeTerminal', { sessionId });

    const dataDir = rehearsalDir(root);
    const [line] = readFileSync(path.join(dataDir, 'transcripts', `${PRODUCTION}.jsonl`), 'utf8').trim().split('\n');
    run = { name: `${PRODUCTION}~0`, output: (JSON.parse(line!) as { output: string }).output };
    const shells = await until("the shell's transcript", async () => {
      const listed = await call<{ transcripts: { id: string; kind: string; endedAt: number | null }[] }>('listTranscripts', { regionId: 'S01' });
      return listed.transcripts.find((t) => t.kind === 'shell' && t.endedAt !== null);
    }, (found) => found !== undefined, 20_000);
    // The close is logged once the file is whole: wait for the release log to have it.
    await until('shellClosed in the log', () => readFileSync(path.join(dataDir, 'release-log.jsonl'), 'utf8').includes('"shellClosed"'), (logged) => logged, 20_000);
    shell = { name: shells.id, file: readFileSync(path.join(dataDir, 'transcripts', 'shells', `${shells.id}.out`)) };
  }, 60_000);

  afterAll(async () => {
    await host?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('lists the step run and the shell by name, size and SHA-256 in the deployment log JSON, without their text by default', async () => {
    const entry = JSON.parse(await exported('deployment-log')) as { transcripts: ListedTranscript[] };
    expect(entry.transcripts).toEqual([
      // Who ran the step's command, as its shell says who opened it (before: null for every step run).
      expect.objectContaining({ name: run.name, kind: 'command', region: 'S01', openedBy: 'alice (PE)', bytes: Buffer.byteLength(run.output), sha256: sha256(run.output) }),
      expect.objectContaining({ name: shell.name, kind: 'shell', region: 'S01', openedBy: 'alice (PE)', bytes: shell.file.length, sha256: sha256(shell.file) }),
    ]);
    expect(entry.transcripts.every((t) => !('content' in t))).toBe(true);
  });

  it('attaches their text when asked', async () => {
    const entry = JSON.parse(await exported('deployment-log', true)) as { transcripts: ListedTranscript[] };
    expect(entry.transcripts.map((t) => t.content)).toEqual([run.output, expect.stringContaining(SHELL_SAYS)]);
  });

  it('names them in the CR Markdown, with no transcript text unless asked', async () => {
    const cr = await exported('cr-markdown');
    expect(cr).toContain('## Transcripts');
    expect(cr).toContain(`| ${run.name} | step: maintenance enable --region S01 | S01 | alice (PE) |`);
    expect(cr).toContain(`| ${Buffer.byteLength(run.output)} | ${sha256(run.output)} |`);
    expect(cr).toContain(`| ${shell.name} | console shell | S01 | alice (PE) |`);
    expect(cr).toContain(`| ${shell.file.length} | ${sha256(shell.file)} |`);
    expect(cr).toContain('Transcript contents are not attached to this export.');
    expect(cr).not.toContain(`\n${SHELL_SAYS}`);
    expect(cr).not.toContain(run.output.trim().split('\n')[0]);

    const withText = await exported('cr-markdown', true);
    expect(withText).toContain('## Transcript contents');
    expect(withText).toContain(`### ${shell.name}`);
    expect(withText).toContain(`\n${SHELL_SAYS}`);
    expect(withText).toContain(run.output.trim().split('\n')[0]);
  });
});
