import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { EvidenceTranscript, TranscriptSummary } from '../../shared/api';
import type { ShellRecord } from '../../shared/engine/state';
import { neutraliseEscapes } from '../../shared/terminal/neutralise';
import { describeArgv } from '../../shared/terminal/argv';

/** A transcript as an export lists it (shared/api), with its text when the PE asked for it. */
export interface TranscriptEvidence extends EvidenceTranscript {
  /** The text, escape sequences neutralised; null unless asked for. */
  content: string | null;
}

function sha256Of(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The lines TranscriptLog appends (main/terminal/transcript.ts); anything else in a file is skipped, not trusted. */
const StoredRun = z.object({
  commandId: z.string(),
  releaseId: z.string().nullable(),
  regionId: z.string().nullable(),
  argv: z.array(z.string()),
  startedAt: z.number(),
  endedAt: z.number(),
  /** Absent from runs recorded before it was kept. */
  elapsedMs: z.number().nonnegative().optional(),
  exitCode: z.number().int(),
  signal: z.string().nullable(),
  output: z.string(),
  outputOmittedChars: z.number().int().nonnegative(),
  /** Who ran it; absent from runs recorded before it was kept. */
  ranBy: z.string().optional(),
});
type StoredRun = z.infer<typeof StoredRun>;

/** The metadata ShellTranscripts writes beside each shell's output (main/terminal/shell-transcript.ts). */
const StoredShell = z.object({
  regionId: z.string().nullable(),
  title: z.string(),
  argv: z.array(z.string()),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Absent while the shell is open, and from shells recorded before it was kept. */
  elapsedMs: z.number().nonnegative().optional(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  omittedChars: z.number().int().nonnegative(),
});
type StoredShell = z.infer<typeof StoredShell>;
const SHELL_ID = /^shell-[0-9]{1,16}-term-[0-9]{1,9}$/;

/** The same rule TranscriptLog names its files by: a stem that cannot climb out of the folder. */
const FILE_STEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ID = /^([A-Za-z0-9][A-Za-z0-9._-]{0,127})~([0-9]{1,9})$/;
const EXTENSION = '.jsonl';

function summaryOf(id: string, run: StoredRun): TranscriptSummary {
  return {
    id,
    kind: 'command',
    commandId: run.commandId,
    releaseId: run.releaseId,
    regionId: run.regionId,
    argv: run.argv,
    title: null,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    elapsedMs: run.elapsedMs ?? null,
    exitCode: run.exitCode,
    signal: run.signal,
    size: run.output.length,
    omittedChars: run.outputOmittedChars,
  };
}

/** Nothing recorded yet is an empty history, not an error. */
async function readdirOptional(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function readBufferOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** A line that is not a run (a torn last line after a crash, a hand edit) is left out of the history. */
function parseRun(line: string): StoredRun | null {
  if (!line.trim()) return null;
  try {
    const parsed = StoredRun.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Reads the transcripts TranscriptLog wrote under `<dataDir>/transcripts/`: the region's history lists
 * them, and one is opened by id. A file is found from its id's stem only, inside that folder.
 */
export class TranscriptIndex {
  private readonly folder: string;
  private readonly shellFolder: string;

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, 'transcripts');
    this.shellFolder = path.join(this.folder, 'shells');
  }

  async list(regionId: string): Promise<TranscriptSummary[]> {
    const stems = await this.stems();
    const found: TranscriptSummary[] = [];
    for (const stem of stems) {
      const lines = await this.lines(stem);
      lines.forEach((line, index) => {
        const run = parseRun(line);
        if (run && run.regionId === regionId) found.push(summaryOf(`${stem}~${index}`, run));
      });
    }
    for (const id of await this.shellIds()) {
      const shell = await this.shell(id);
      if (shell && shell.transcript.regionId === regionId) found.push(shell.transcript);
    }
    return found.sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id, undefined, { numeric: true }));
  }

  /** The run and its whole kept output, or null when no such run exists. */
  async read(id: string): Promise<{ transcript: TranscriptSummary; output: string } | null> {
    if (SHELL_ID.test(id)) {
      const shell = await this.shell(id);
      if (!shell) return null;
      return { transcript: shell.transcript, output: (await readOptional(shell.outputFile)) ?? '' };
    }
    const match = ID.exec(id);
    if (!match) return null;
    const [, stem, lineNumber] = match as unknown as [string, string, string];
    const lines = await this.lines(stem);
    const run = parseRun(lines[Number(lineNumber)] ?? '');
    return run ? { transcript: summaryOf(id, run), output: run.output } : null;
  }

  /**
   * The transcripts a release's CR evidence lists: each run in its transcript file, and each shell the
   * release log put under it. Content only when `withContent`: a transcript can hold what a CR must not.
   */
  async evidence(releaseId: string, shells: readonly ShellRecord[], withContent: boolean): Promise<TranscriptEvidence[]> {
    const found: TranscriptEvidence[] = [];
    const stem = FILE_STEM.test(releaseId) ? releaseId : null;
    const lines = stem === null ? [] : await this.lines(stem);
    lines.forEach((line, index) => {
      const run = parseRun(line);
      if (!run) return;
      found.push({
        name: `${stem}~${index}`,
        kind: 'command',
        regionId: run.regionId,
        title: describeArgv(run.argv),
        by: run.ranBy ?? null,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        exitCode: run.exitCode,
        bytes: Buffer.byteLength(run.output),
        sha256: sha256Of(run.output),
        differsFromLog: false,
        content: withContent ? run.output : null,
      });
    });
    for (const shell of shells) {
      if (!SHELL_ID.test(shell.transcript)) continue;
      const file = (await readBufferOptional(path.join(this.shellFolder, `${shell.transcript}.out`))) ?? Buffer.alloc(0);
      const sha256 = sha256Of(file);
      found.push({
        name: shell.transcript,
        kind: 'shell',
        regionId: shell.regionId,
        title: shell.title,
        by: `${shell.openedBy.name} (${shell.openedBy.role})`,
        startedAt: shell.openedAt,
        endedAt: shell.closedAt,
        exitCode: shell.exitCode,
        bytes: file.length,
        sha256,
        differsFromLog: shell.sha256 !== null && shell.sha256 !== sha256,
        // A shell's file is raw terminal output: shown as plain text, as the region's history does.
        content: withContent ? neutraliseEscapes(file.toString('utf8')) : null,
      });
    }
    return found.sort((a, b) => a.startedAt - b.startedAt);
  }

  private async shellIds(): Promise<string[]> {
    const names = await readdirOptional(this.shellFolder);
    return names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).filter((id) => SHELL_ID.test(id));
  }

  /** A shell's summary from its metadata, its size from its output file; null when either is not ours. */
  private async shell(id: string): Promise<{ transcript: TranscriptSummary; outputFile: string } | null> {
    if (!SHELL_ID.test(id)) return null;
    const text = await readOptional(path.join(this.shellFolder, `${id}.json`));
    if (text === null) return null;
    let meta: StoredShell;
    try {
      const parsed = StoredShell.safeParse(JSON.parse(text));
      if (!parsed.success) return null;
      meta = parsed.data;
    } catch {
      return null;
    }
    const outputFile = path.join(this.shellFolder, `${id}.out`);
    // Size in bytes: close enough to characters for a listing, without reading every shell's output.
    const size = await stat(outputFile).then(
      (s) => s.size,
      () => 0,
    );
    return {
      outputFile,
      transcript: {
        id,
        kind: 'shell',
        commandId: null,
        releaseId: null,
        regionId: meta.regionId,
        argv: meta.argv,
        title: meta.title,
        startedAt: meta.startedAt,
        endedAt: meta.endedAt,
        elapsedMs: meta.elapsedMs ?? null,
        exitCode: meta.exitCode,
        signal: meta.signal,
        size,
        omittedChars: meta.omittedChars,
      },
    };
  }

  private async stems(): Promise<string[]> {
    const names = await readdirOptional(this.folder);
    return names.filter((n) => n.endsWith(EXTENSION)).map((n) => n.slice(0, -EXTENSION.length)).filter((stem) => FILE_STEM.test(stem));
  }

  private async lines(stem: string): Promise<string[]> {
    if (!FILE_STEM.test(stem)) return [];
    const file = path.join(this.folder, `${stem}${EXTENSION}`);
    // Belt and braces: the stem's pattern already keeps it here.
    if (path.dirname(file) !== this.folder) return [];
    return ((await readOptional(file)) ?? '').split('\n');
  }
}
