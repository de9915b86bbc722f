import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { TranscriptSummary } from '../../shared/api';

/** The lines TranscriptLog appends (main/terminal/transcript.ts); anything else in a file is skipped, not trusted. */
const StoredRun = z.object({
  commandId: z.string(),
  releaseId: z.string().nullable(),
  regionId: z.string().nullable(),
  argv: z.array(z.string()),
  startedAt: z.number(),
  endedAt: z.number(),
  exitCode: z.number().int(),
  signal: z.string().nullable(),
  output: z.string(),
  outputOmittedChars: z.number().int().nonnegative(),
});
type StoredRun = z.infer<typeof StoredRun>;

/** The same rule TranscriptLog names its files by: a stem that cannot climb out of the folder. */
const FILE_STEM = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ID = /^([A-Za-z0-9][A-Za-z0-9._-]{0,127})~([0-9]{1,9})$/;
const EXTENSION = '.jsonl';

function summaryOf(id: string, run: StoredRun): TranscriptSummary {
  return {
    id,
    commandId: run.commandId,
    releaseId: run.releaseId,
    regionId: run.regionId,
    argv: run.argv,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    exitCode: run.exitCode,
    signal: run.signal,
    size: run.output.length,
    omittedChars: run.outputOmittedChars,
  };
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

  constructor(dataDir: string) {
    this.folder = path.join(dataDir, 'transcripts');
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
    return found.sort((a, b) => b.startedAt - a.startedAt || b.id.localeCompare(a.id, undefined, { numeric: true }));
  }

  /** The run and its whole kept output, or null when no such run exists. */
  async read(id: string): Promise<{ transcript: TranscriptSummary; output: string } | null> {
    const match = ID.exec(id);
    if (!match) return null;
    const [, stem, lineNumber] = match as unknown as [string, string, string];
    const lines = await this.lines(stem);
    const run = parseRun(lines[Number(lineNumber)] ?? '');
    return run ? { transcript: summaryOf(id, run), output: run.output } : null;
  }

  private async stems(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names.filter((n) => n.endsWith(EXTENSION)).map((n) => n.slice(0, -EXTENSION.length)).filter((stem) => FILE_STEM.test(stem));
  }

  private async lines(stem: string): Promise<string[]> {
    if (!FILE_STEM.test(stem)) return [];
    const file = path.join(this.folder, `${stem}${EXTENSION}`);
    // Belt and braces: the stem's pattern already keeps it here.
    if (path.dirname(file) !== this.folder) return [];
    try {
      return (await readFile(file, 'utf8')).split('\n');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }
}
