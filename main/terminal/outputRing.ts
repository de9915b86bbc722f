/**
 * The last `capacity` chars of a stream, kept as the chunks they arrived in (no copying per append).
 * A reloaded window replays it; a command's result keeps its tail in one.
 */
export class OutputRing {
  private chunks: string[] = [];
  private length = 0;
  private dropped = 0;

  constructor(private readonly capacity: number) {}

  append(data: string): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.length += data.length;
    while (this.length > this.capacity) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const excess = this.length - this.capacity;
      if (first.length <= excess) {
        this.chunks.shift();
        this.length -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.slice(excess);
        this.length -= excess;
        this.dropped += excess;
      }
    }
  }

  /** Chars that no longer fit and were let go, counted from the start of the stream. */
  get droppedChars(): number {
    return this.dropped;
  }

  /**
   * The kept text. When the start was cut off it begins at the next line (if one starts within the
   * first few KiB), so a replay does not open in the middle of an escape sequence or a UTF-16 pair.
   */
  text(): string {
    const text = this.chunks.join('');
    this.chunks = text.length > 0 ? [text] : [];
    if (this.dropped === 0) return text;
    const lineStart = text.indexOf('\n');
    return lineStart >= 0 && lineStart < LINE_SEARCH_CHARS ? text.slice(lineStart + 1) : text;
  }
}

/** How far a replay may skip to reach a line start; past this the partial line is kept rather than lose much. */
const LINE_SEARCH_CHARS = 4_096;
