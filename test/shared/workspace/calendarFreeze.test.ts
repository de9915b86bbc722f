// Issue 19: a freeze may name the calendar it is kept in instead of its periods. A bad source is a load
// error at the line that writes it, saying what is wrong.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseWorkspace, type WorkspaceFileText } from '../../../shared/workspace/parse';

const minimal = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/workspaces/minimal');
const FILES = ['workspace.yaml', 'regions.yaml', 'releases.yaml', 'runbooks/rollout.yaml'];

function load(freeze: string) {
  const texts: WorkspaceFileText[] = FILES.map((file) => ({ path: file, text: readFileSync(path.join(minimal, file), 'utf8') }));
  const rules = `windows:\n  - { id: eu-after-18, title: EU out-of-hours window, zone: Europe/London, start: "18:00", end: "24:00" }\nfreezes:\n  - id: retail\n    title: Retail freeze\n    zone: America/New_York\n${freeze}`;
  return parseWorkspace([...texts, { path: 'rules.yaml', text: rules }], 'calendars');
}

function errors(freeze: string): string[] {
  const result = load(freeze);
  return result.ok ? [] : result.errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`);
}

describe('a freeze kept in a calendar', () => {
  test.each([
    ['an .ics file in the workspace', '    calendar: { file: calendars/retail.ics }\n', { file: 'calendars/retail.ics' }],
    ['an https URL', '    calendar: { url: "https://calendar.example.com/retail.ics" }\n', { url: 'https://calendar.example.com/retail.ics' }],
    ['an SSM Change Calendar', '    calendar: { ssm: { document: RetailChangeCalendar, region: us-east-1, profile: ops } }\n', { ssm: { document: 'RetailChangeCalendar', region: 'us-east-1', profile: 'ops' } }],
    ['a URL read again every 5 minutes', '    calendar: { url: "https://calendar.example.com/retail.ics", refreshMinutes: 5 }\n', { url: 'https://calendar.example.com/retail.ics', refreshMinutes: 5 }],
  ])('loads a freeze from %s, with no periods of its own', (_name, yaml, calendar) => {
    const result = load(yaml);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.workspace.freezes[0]).toMatchObject({ id: 'retail', periods: [], calendar });
  });

  test.each([
    ['neither periods nor a calendar', '', /^rules\.yaml:4:5: .*a freeze needs its periods, or a calendar \(an \.ics file, an https URL or an SSM Change Calendar\) to read them from/],
    ['a plain http URL', '    calendar: { url: "http://calendar.example.com/retail.ics" }\n', /^rules\.yaml:7:22: .*an https URL/],
    ['a file outside the workspace', '    calendar: { file: ../elsewhere/retail.ics }\n', /^rules\.yaml:7:\d+: .*inside the workspace folder \(no "\.\.", no leading "\/"\)/],
    ['a file that is not .ics', '    calendar: { file: calendars/retail.txt }\n', /^rules\.yaml:7:\d+: .*an \.ics file/],
    ['an SSM calendar with no region and no shared store', '    calendar: { ssm: { document: RetailChangeCalendar } }\n', /^rules\.yaml:7:\d+: Freeze retail reads the SSM Change Calendar RetailChangeCalendar but names no AWS region; give calendar\.ssm\.region/],
    ['a calendar read again every 0 minutes', '    calendar: { url: "https://calendar.example.com/retail.ics", refreshMinutes: 0 }\n', /^rules\.yaml:7:\d+: .*at least 1 minute between reads/],
    ['a file read again (a file is read at start)', '    calendar: { file: calendars/retail.ics, refreshMinutes: 5 }\n', /^rules\.yaml:7:\d+: .*refreshMinutes/],
    ['an absolute interval that ends before it starts', '    periods: [{ kind: interval, start: "2026-11-27T00:00:00Z", end: "2026-11-26T00:00:00Z" }]\n', /^rules\.yaml:7:\d+: Freeze retail ends at 2026-11-26T00:00:00Z, not after its start 2026-11-27T00:00:00Z/],
    ['an interval bound without its offset', '    periods: [{ kind: interval, start: "2026-11-27T00:00:00", end: null }]\n', /^rules\.yaml:7:\d+: .*an instant written like 2026-11-27T00:00:00Z \(with Z or an offset\)/],
  ])('refuses %s, at its line', (_name, yaml, message) => {
    const found = errors(yaml);
    expect(found.length).toBeGreaterThan(0);
    expect(found.join('\n')).toMatch(message);
  });
});
