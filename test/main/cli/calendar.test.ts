import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { runCalendar } from '../../../main/cli/calendar';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'out', 'cli', 'cli.mjs');
const canary = path.join(root, 'workspaces/canary-progressive');

async function calendar(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCalendar(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, () => Date.parse('2026-12-20T09:00:00Z'));
  return { code, out, err };
}

function summaries(text: string): string[] {
  return new ICAL.Component(ICAL.parse(text) as unknown[]).getAllSubcomponents('vevent').map((vevent) => String(vevent.getFirstPropertyValue('summary')));
}

describe('release-console calendar', () => {
  test("prints seed 001's windows and its holiday freeze as an .ics", async () => {
    const { code, out, err } = await calendar(['--workspace', canary, '--weeks', '2']);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(summaries(out.join('\n'))).toEqual(expect.arrayContaining(['Window: Standard window', 'Window: Extended window', 'Window: Emergency window', 'Freeze: Holiday freeze', 'Freeze: Quarter-end freeze']));
  });

  test.each([
    [['--weeks', '0'], /--weeks "0" is not a whole number from 1 to 52/],
    [['--weeks', 'two'], /--weeks "two" is not a whole number/],
    [['--at', '2026-12-20T09:00:00'], /--at "2026-12-20T09:00:00" has no time zone offset/],
    [['--workspace', path.join(root, 'no-such-workspace')], /the workspace .*no-such-workspace could not be loaded/],
    [['--region', 'EUW2'], /Unknown option '--region'/],
  ])('refuses %j with exit 2 and says what is wrong', async (args, message) => {
    const { code, out, err } = await calendar(args);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toMatch(message);
  });

  test('the built CLI prints the demo from the day of --at', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'calendar', '--at', '2026-03-19T10:55:00Z', '--weeks', '1'], { cwd: root });
    const vcalendar = new ICAL.Component(ICAL.parse(stdout) as unknown[]);
    const eu = vcalendar.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('summary') === 'Window: EUW2/EUC1 out-of-hours window');
    expect(eu?.getFirstPropertyValue('dtstart')?.toString()).toBe('2026-03-19T18:00:00');
    expect(eu?.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/London');
  });
});
