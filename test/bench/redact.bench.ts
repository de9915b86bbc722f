// Bench: transcript redaction (issue 16). Every byte a shell or a step prints passes through it before it
// is written, so it must keep up with a flood and cost the same per byte however long the stream runs.
// redact.growth_ratio divides the cost per MB of a 16 MB stream by that of a 1 MB one: a redactor that
// rescanned what it held would show up as a ratio near 16.
import os from 'node:os';
import { SecretRedactor } from '../../shared/terminal/redact';

/** A pty read is at most a few KB. */
const CHUNK = 4096;
const ROUNDS = 9;
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

function figure(bench: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  // The machine is shared: the one-minute load average says how much to trust the figure.
  process.stdout.write(`${JSON.stringify({ bench, value: Number(value.toFixed(3)), unit, loadavg1: Number(os.loadavg()[0]!.toFixed(2)), ...extra })}\n`);
}

/** Busy terminal output: deploy logs with a credential every few hundred lines. */
function stream(megabytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = i % 400 === 0 ? `export AWS_SECRET_ACCESS_KEY=${SECRET}\r\n` : `[2026-03-19T11:0${i % 10}:00Z] S01 rt-media-gateway 4.13.0: healthy, ${i} calls\r\n`;
    lines.push(line);
    size += line.length;
  }
  return lines.join('');
}

function msToRedactOnce(text: string, chunk: number): number {
  const redactor = new SecretRedactor();
  const began = performance.now();
  for (let at = 0; at < text.length; at += chunk) redactor.push(text.slice(at, at + chunk));
  redactor.end();
  return performance.now() - began;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const smallText = stream(1);
const largeText = stream(16);
// Once before measuring, so the regular expression is compiled and optimised for both runs alike.
msToRedactOnce(smallText, CHUNK);
// Alternated round by round, so the shared machine's load falls on both alike; the ratio is per round.
const ratios: number[] = [];
const large: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const small = msToRedactOnce(smallText, CHUNK);
  const big = msToRedactOnce(largeText, CHUNK);
  large.push(big);
  ratios.push(big / 16 / small);
}
figure('redact.mb_per_s', 16 / (median(large) / 1000), 'MB/s', { chunkBytes: CHUNK });
figure('redact.growth_ratio', median(ratios), 'ratio', { smallMB: 1, largeMB: 16, rounds: ROUNDS });
// A person typing: the echo comes one character per read.
const typed = stream(0.25);
figure('redact.typed_ms_per_kb', median([0, 1, 2].map(() => msToRedactOnce(typed, 1))) / (typed.length / 1024), 'ms/KB', { chunkBytes: 1 });
