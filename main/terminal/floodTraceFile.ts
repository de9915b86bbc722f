import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { recordFloodMarks } from '../../shared/terminal/floodTrace';

/** The environment variable that names the folder a flood's marks are written to (test/bench/flood-timeline.bench.ts). */
export const FLOOD_TRACE_ENV = 'RELEASE_CONSOLE_FLOOD_TRACE';

/** Marks are kept in memory and written this often: a write per mark would be most of what is measured. */
const WRITE_EVERY_MS = 500;

/**
 * Records this process's flood marks (shared/terminal/floodTrace.ts) into `<folder>/<role>-<pid>.txt`, one
 * line each: wall-clock ms, role, mark, its two numbers. Does nothing unless FLOOD_TRACE_ENV is set.
 */
export function traceFloodsFromEnv(role: 'host' | 'main', env: NodeJS.ProcessEnv = process.env): void {
  const folder = env[FLOOD_TRACE_ENV];
  if (folder === undefined || folder === '') return;
  const file = path.join(folder, `${role}-${process.pid}.txt`);
  let lines: string[] = [];
  recordFloodMarks((mark, a, b) => {
    lines.push(`${(performance.timeOrigin + performance.now()).toFixed(2)} ${role} ${mark} ${a} ${b}`);
  });
  const write = () => {
    if (lines.length === 0) return;
    appendFileSync(file, lines.join('\n') + '\n');
    lines = [];
  };
  setInterval(write, WRITE_EVERY_MS).unref();
  process.on('exit', write);
}
