import { describe, expect, it } from 'vitest';
import {
  FLOOD_PIECE_MS,
  FLOOD_QUIET_MS,
  FLOOD_WRITE_INTERVAL_MS,
  HAND_OVER_SHARE,
  MAX_PIECE_CHARS,
  MIN_PIECE_CHARS,
  OutputPacer,
  type PacerClock,
} from '../../../renderer/views/terminal/outputPacer';
import { seededRandom } from '../../seeded-random';

/** A clock the test moves by hand, with the timers the pacer sets. */
class ManualClock implements PacerClock {
  time = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pendingTimers(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = until;
  }
}

/** xterm.js as the pacer sees it: writes it has been handed, parsed when the test says so. */
class FakeTerminal {
  writes: { data: string; at: number; parsed: () => void }[] = [];
  private parsedCount = 0;
  constructor(private readonly clock: ManualClock) {}
  write = (data: string, parsed: () => void) => {
    this.writes.push({ data, at: this.clock.now(), parsed });
  };
  get unparsed(): number {
    return this.writes.length - this.parsedCount;
  }
  parseNext(): void {
    this.writes[this.parsedCount++]!.parsed();
  }
  get text(): string {
    return this.writes.map((w) => w.data).join('');
  }
}

const chunk = (chars: number, fill = 'x') => fill.repeat(chars);
const CHUNK = 64 * 1024;

function setup() {
  const clock = new ManualClock();
  const term = new FakeTerminal(clock);
  const pacer = new OutputPacer(term.write, clock);
  return { clock, term, pacer };
}

describe('OutputPacer', () => {
  it('writes interactive output the moment it arrives, one write per arrival', () => {
    const { clock, term, pacer } = setup();
    for (const keystroke of ['l', 's', '\r\n', 'README.md  main  renderer\r\n', '$ ']) {
      pacer.push(keystroke);
      clock.advance(30);
    }
    expect(term.writes.map((w) => w.data)).toEqual(['l', 's', '\r\n', 'README.md  main  renderer\r\n', '$ ']);
    expect(term.writes.map((w) => w.at)).toEqual([0, 30, 60, 90, 120]);
  });

  it('holds a flood while xterm.js parses, then hands it over as one piece', () => {
    const { clock, term, pacer } = setup();
    pacer.push(chunk(CHUNK, 'a'));
    expect(term.writes).toHaveLength(1);
    for (let i = 0; i < 3; i++) pacer.push(chunk(CHUNK, 'b'));
    expect(term.writes).toHaveLength(1);
    expect(pacer.waitingChars).toBe(3 * CHUNK);
    clock.advance(3);
    term.parseNext();
    // Less than half a piece is held: it waits for more, or for quiet.
    expect(pacer.waitingChars).toBeLessThan(pacer.pieceChars * HAND_OVER_SHARE);
    expect(term.writes).toHaveLength(1);
    clock.advance(FLOOD_QUIET_MS);
    expect(term.writes).toHaveLength(2);
    expect(term.writes[1]!.data).toBe(chunk(3 * CHUNK, 'b'));
    expect(pacer.waitingChars).toBe(0);
  });

  it('hands over half a piece the moment the piece before it is parsed: the flow window holds back the rest', () => {
    const { clock, term, pacer } = setup();
    pacer.push(chunk(CHUNK, 'a'));
    clock.advance(3);
    term.parseNext();
    const piece = pacer.pieceChars;
    // A piece is parsed while half a piece more arrives (main then pauses the pty until it is acknowledged).
    pacer.push(chunk(piece, 'b'));
    const half = Math.ceil((piece * HAND_OVER_SHARE) / CHUNK);
    for (let i = 0; i < half; i++) pacer.push(chunk(CHUNK, 'c'));
    expect(term.writes).toHaveLength(2);
    clock.advance(FLOOD_PIECE_MS);
    term.parseNext();
    expect(term.writes).toHaveLength(3);
    expect(term.writes[2]!.at).toBe(clock.now());
    expect(term.writes[2]!.data).toBe(chunk(half * CHUNK, 'c'));
  });

  it('never has more than one piece of a flood being parsed, and each piece is about FLOOD_PIECE_MS of parsing', () => {
    const { clock, term, pacer } = setup();
    const charsPerMs = 30_000;
    pacer.push(chunk(CHUNK));
    for (let round = 0; round < 40; round++) {
      // Output keeps arriving faster than it is parsed.
      for (let i = 0; i < 20; i++) pacer.push(chunk(CHUNK));
      expect(term.unparsed).toBe(1);
      const last = term.writes.at(-1)!;
      clock.advance(Math.max(1, Math.round(last.data.length / charsPerMs)));
      term.parseNext();
    }
    const settled = term.writes.slice(-10).map((w) => w.data.length);
    const target = charsPerMs * FLOOD_PIECE_MS;
    for (const size of settled) {
      expect(size).toBeGreaterThanOrEqual(target * 0.9);
      expect(size).toBeLessThanOrEqual(target + CHUNK + target * 0.1);
    }
  });

  it('keeps pieces within bounds however fast or slow parsing is measured', () => {
    for (const charsPerMs of [500, 5_000_000]) {
      const { clock, term, pacer } = setup();
      pacer.push(chunk(CHUNK));
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 60; i++) pacer.push(chunk(CHUNK));
        clock.advance(Math.max(1, Math.round(term.writes.at(-1)!.data.length / charsPerMs)));
        term.parseNext();
      }
      expect(pacer.pieceChars).toBe(charsPerMs === 500 ? MIN_PIECE_CHARS : MAX_PIECE_CHARS);
      for (const w of term.writes.slice(2)) expect(w.data.length).toBeLessThanOrEqual(MAX_PIECE_CHARS + CHUNK);
    }
  });

  it('hands a trickling flood over at least every FLOOD_WRITE_INTERVAL_MS', () => {
    const { clock, term, pacer } = setup();
    pacer.push(chunk(CHUNK));
    term.parseNext();
    // A chunk every 10 ms: never quiet for a frame, never a full piece.
    for (let t = 0; t < 300; t += 10) {
      clock.advance(10);
      pacer.push(chunk(CHUNK / 8));
      if (term.unparsed > 0) term.parseNext();
    }
    const gaps = term.writes.slice(1).map((w, i) => w.at - term.writes[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(FLOOD_WRITE_INTERVAL_MS);
    expect(term.writes.length).toBeGreaterThan(300 / FLOOD_WRITE_INTERVAL_MS - 1);
    expect(term.writes.length).toBeLessThan(300 / 10);
  });

  it('writes the last of a flood one frame after it stops, not a whole interval later', () => {
    const { clock, term, pacer } = setup();
    pacer.push(chunk(CHUNK));
    term.parseNext();
    pacer.push('$ ');
    clock.advance(FLOOD_QUIET_MS - 1);
    expect(term.text.endsWith('$ ')).toBe(false);
    clock.advance(1);
    expect(term.text.endsWith('$ ')).toBe(true);
  });

  it('loses, repeats and reorders nothing, whatever the arrivals and parse timing', () => {
    const seed = Date.now();
    const random = seededRandom(seed);
    const { clock, term, pacer } = setup();
    let sent = '';
    for (let step = 0; step < 5_000; step++) {
      const roll = random();
      if (roll < 0.5) {
        const size = random() < 0.2 ? Math.floor(random() * 2 * CHUNK) : 1 + Math.floor(random() * 200);
        const data = `<${step}:${'.'.repeat(size)}>`;
        sent += data;
        pacer.push(data);
      } else if (roll < 0.8) {
        if (term.unparsed > 0) term.parseNext();
      } else clock.advance(Math.floor(random() * 40));
    }
    while (term.unparsed > 0 || pacer.waitingChars > 0) {
      if (term.unparsed > 0) term.parseNext();
      clock.advance(FLOOD_WRITE_INTERVAL_MS);
    }
    expect(term.text === sent, `seed ${seed}`).toBe(true);
  });

  it('drops held output and writes nothing more once disposed', () => {
    const { clock, term, pacer } = setup();
    pacer.push(chunk(CHUNK));
    pacer.push(chunk(CHUNK));
    pacer.dispose();
    term.parseNext();
    clock.advance(FLOOD_WRITE_INTERVAL_MS * 2);
    pacer.push('late');
    expect(term.writes).toHaveLength(1);
    expect(clock.pendingTimers).toBe(0);
  });
});
