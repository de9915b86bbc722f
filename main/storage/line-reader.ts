import { createReadStream } from 'node:fs';

/** Read size for streaming a log: large enough that a 100,000-line log is a handful of reads. */
const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export interface FileLine {
  /** 1-based, counting every newline in the file: what an editor shows. */
  line: number;
  /** Byte offset of the line's first byte. */
  offset: number;
  /** The line's bytes without its newline. */
  bytes: Buffer;
  /** False only for a last line that has no newline after it. */
  isTerminated: boolean;
}

/** Streams a file line by line with byte offsets, never holding more than one chunk plus one line. */
export async function* readFileLines(file: string): AsyncGenerator<FileLine> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  let line = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    let start = 0;
    for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
      line++;
      yield { line, offset: carryOffset + start, bytes: data.subarray(start, end), isTerminated: true };
      start = end + 1;
    }
    carry = data.subarray(start);
    carryOffset += start;
  }
  if (carry.length > 0) yield { line: line + 1, offset: carryOffset, bytes: carry, isTerminated: false };
}

/** Like readFileLines, with a missing file read as an empty one: a log that was never written has no lines. */
export async function* readFileLinesIfPresent(file: string): AsyncGenerator<FileLine> {
  try {
    yield* readFileLines(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Like readFileLinesIfPresent, one read chunk's lines at a time: a caller that checks 100,000 lines at
 * start handles each chunk in a plain loop instead of paying a promise per line.
 */
export async function* readFileLineBatchesIfPresent(file: string): AsyncGenerator<FileLine[]> {
  let carry: Buffer = Buffer.alloc(0);
  let carryOffset = 0;
  let line = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      const data = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const batch: FileLine[] = [];
      let start = 0;
      for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
        line++;
        batch.push({ line, offset: carryOffset + start, bytes: data.subarray(start, end), isTerminated: true });
        start = end + 1;
      }
      carry = data.subarray(start);
      carryOffset += start;
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return;
  }
  if (carry.length > 0) yield [{ line: line + 1, offset: carryOffset, bytes: carry, isTerminated: false }];
}
