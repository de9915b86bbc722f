import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** __dirname, not import.meta: Playwright loads this file as CommonJS (for the e2e), vitest as ESM with __dirname set. */
export const ROOT = path.resolve(__dirname, '../../..');
export const CALENDAR_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'calendars');

/**
 * Seed 001's workspace (canary-progressive) with one more freeze, kept in a calendar: the retail team's
 * Change Calendar, whose one event is Black Friday weekend in New York. Security releases are exempt,
 * as the workspace's YAML freezes exempt them. The .ics is also copied in, for the `file` source.
 */
export function calendarWorkspace(calendar: string, title = 'Retail change freeze'): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'rc-calendar-ws-')), 'canary-progressive');
  cpSync(path.join(ROOT, 'workspaces', 'canary-progressive'), dir, { recursive: true });
  mkdirSync(path.join(dir, 'calendars'));
  copyFileSync(path.join(CALENDAR_FIXTURES, 'change-calendar-default-open.ics'), path.join(dir, 'calendars', 'retail.ics'));
  appendFileSync(
    path.join(dir, 'rules.yaml'),
    ['  - id: retail-freeze', `    title: ${title}`, '    zone: America/New_York', `    calendar: ${calendar}`, '    exceptions: [{ releaseType: security }]', ''].join('\n'),
  );
  return dir;
}
