import type { TerminalInterruption } from '../../shared/api/terminal';
import { neutraliseEscapes } from '../../shared/terminal/neutralise';
import { SecretRedactor } from '../../shared/terminal/redact';
import { OutputRing } from './outputRing';

export interface CommandRunOptions {
  /** The workspace command template's id (maintenance-enable), recorded in the transcript. */
  commandId: string;
  /** Whose evidence the transcript belongs to; null for runs outside a release. */
  releaseId?: string | null;
  cols?: number;
  rows?: number;
  cwd?: string;
  /** Extra environment for this run only, on top of the service's. */
  env?: Record<string, string>;
  /** Wall-clock limit: past it the run is stopped like a Stop (SIGINT, SIGTERM, SIGKILL) and says it timed out. */
  timeoutMs?: number;
  /** Called once the session exists, so a caller can show it before the command ends. */
  onStarted?: (sessionId: string) => void;
  /** Who ran it ("alice (PE)"): the step's or the rollback's starter, kept with its transcript for the CR evidence. */
  ranBy?: string;
}

export interface CommandResult {
  sessionId: string;
  commandId: string;
  argv: string[];
  /** The exit code, or 128 + n for signal n. Zero and only zero is success. */
  exitCode: number;
  signal: string | null;
  /** Set when the run was stopped, timed out or lost with the pty host: then it failed, whatever `exitCode` says. */
  interruption: TerminalInterruption | null;
  /** What the command printed, escape sequences neutralised; the middle of a huge output is left out. */
  output: string;
  outputOmittedChars: number;
  startedAt: number;
  endedAt: number;
  /** How long it ran on the wall clock, as its time limit counts (the console clock can be a rehearsal's). */
  elapsedMs: number;
  /** Where the transcript was appended, or null when it could not be written (the run itself still counts). */
  transcriptFile: string | null;
}

/** A command's result keeps its start (what it set out to do) and its end (how it finished). */
const HEAD_CHARS = 64 * 1024;
const TAIL_CHARS = 1024 * 1024;

/**
 * Bounded copy of a run's output: a `cat` of 100 MB in a step must not live in memory twice. Secrets are
 * redacted as the output arrives (issue 16), so neither the transcript file nor the output kept in the
 * release log and the CR evidence holds them.
 */
export class CommandOutput {
  private head = '';
  private readonly tail = new OutputRing(TAIL_CHARS);
  private readonly redactor = new SecretRedactor();
  private isEnded = false;

  append(data: string): void {
    this.keep(this.redactor.push(data));
  }

  private keep(data: string): void {
    const room = HEAD_CHARS - this.head.length;
    if (room > 0) {
      this.head += data.slice(0, room);
      data = data.slice(room);
    }
    this.tail.append(data);
  }

  get omittedChars(): number {
    return this.tail.droppedChars;
  }

  text(): string {
    // The output has ended when it is read: what the redactor held back (a possible secret's start) is kept now.
    if (!this.isEnded) {
      this.isEnded = true;
      this.keep(this.redactor.end());
    }
    const omitted = this.tail.droppedChars;
    // Neutralised as one text when nothing is left out, so a sequence across the head's end is still whole.
    if (omitted === 0) return neutraliseEscapes(this.head + this.tail.text());
    return `${neutraliseEscapes(this.head)}\n[… ${omitted} characters of output left out …]\n${neutraliseEscapes(this.tail.text())}`;
  }
}
