import { HIGH_WATERMARK_CHARS } from '../../shared/terminal/flowControl';

/**
 * How long a window may owe a flow-control window of terminal output without acknowledging any of it
 * before main lets it go. A window that reads acknowledges every 5,000 chars xterm.js parses (several
 * times a second in a flood); one that has acknowledged nothing for this long has stopped reading (a
 * paused or hung page, a suspended laptop) while its shells sit paused for it, and for every other window
 * showing them. The send budget (send-budget.ts) cannot see it: Chromium goes on taking a paused page's
 * frames off each of its sockets, and with a socket per terminal (output-lanes.ts) it takes them all.
 */
export const STALLED_WINDOW_MS = 15_000;

interface Progress {
  owed: number;
  /** When the window last acknowledged output, or first came to owe it. */
  since: number;
}

/** Terminal output each window was sent and has not acknowledged, and since when it has not read any. */
export class ReadProgress {
  private readonly windows = new Map<string, Progress>();

  sent(window: string, chars: number, now: number): void {
    const progress = this.windows.get(window);
    if (!progress) return void this.windows.set(window, { owed: chars, since: now });
    if (progress.owed === 0) progress.since = now;
    progress.owed += chars;
  }

  /** The window acknowledged `chars` (a replay's included, which it was not counted as sent here). */
  acknowledged(window: string, chars: number, now: number): void {
    const progress = this.windows.get(window);
    if (!progress) return;
    progress.owed = Math.max(0, progress.owed - chars);
    progress.since = now;
  }

  forget(window: string): void {
    this.windows.delete(window);
  }

  /** The windows that owe at least a flow-control window and have read nothing for STALLED_WINDOW_MS. */
  stalled(now: number): string[] {
    return [...this.windows].filter(([, p]) => p.owed >= HIGH_WATERMARK_CHARS && now - p.since >= STALLED_WINDOW_MS).map(([window]) => window);
  }
}
