import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateDeployment } from '../../../shared/rules/evaluate';
import { freezeRule } from '../../../shared/rules/rulesFor';
import { describePeriodIn } from '../../../shared/rules/freeze';
import type { FreezePeriod } from '../../../shared/workspace/workspace';
import type { Workspace } from '../../../shared/workspace/workspace';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../../../main/workspace/load';
import { at, iso, loadTemplate } from '../loadTemplate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let canary: Workspace;
let governed: Workspace;
let gated: Workspace;
let flags: Workspace;
beforeAll(async () => {
  [canary, governed, gated, flags] = await Promise.all(['canary-progressive', 'blue-green-governed', 'gated-release', 'blue-green-feature-flags'].map(loadTemplate)) as [Workspace, Workspace, Workspace, Workspace];
});

function freeze(workspace: Workspace, id: string) {
  const found = workspace.freezes.find((f) => f.id === id);
  if (!found) throw new Error(`no freeze ${id}`);
  const rule = freezeRule(found, undefined);
  if (!rule) throw new Error('freeze rule lifted');
  return rule;
}

describe("seed 001's freeze calendar", () => {
  test.each([
    ['holiday-freeze', '2026-12-14T23:59:59Z', true, '2026-12-15T00:00:00Z'],
    ['holiday-freeze', '2026-12-15T00:00:00Z', false, null],
    ['holiday-freeze', '2027-01-02T23:59:00Z', false, null],
    ['holiday-freeze', '2027-01-03T00:00:00Z', true, null],
    ['quarter-end', '2026-03-28T23:59:00Z', true, '2026-03-29T00:00:00Z'],
    ['quarter-end', '2026-03-29T00:00:00Z', false, null],
    ['quarter-end', '2026-03-31T23:59:00Z', false, null],
    ['quarter-end', '2026-04-01T00:00:00Z', true, null],
    ['quarter-end', '2026-06-27T23:59:00Z', true, '2026-06-28T00:00:00Z'],
    ['quarter-end', '2026-06-30T12:00:00Z', false, null],
    ['quarter-end', '2026-09-28T00:00:00Z', false, null],
    ['quarter-end', '2026-12-29T00:00:00Z', false, null],
    ['quarter-end', '2027-02-26T12:00:00Z', true, null],
  ])('%s at %s: allowed %s, closes %s', (id, instant, allowed, closesAt) => {
    const verdict = freeze(canary, id).verdict(at(instant));
    expect(verdict.allowed).toBe(allowed);
    if (allowed) expect(iso(verdict.closesAt)).toBe(closesAt);
  });

  test.each([
    // release type, instant (all inside the Standard window unless noted), allowed, reason pattern
    ['standard', '2026-12-14T15:00:00Z', true, null],
    ['standard', '2026-12-15T15:00:00Z', false, /^Holiday freeze \(holidays\): no deploys 15 Dec – 2 Jan every year, all day in UTC \(Tue 15 Dec 2026 now\); only security releases are exempt/],
    ['security', '2026-12-15T15:00:00Z', true, null],
    ['standard', '2027-01-04T15:00:00Z', true, null],
    ['standard', '2026-03-30T15:00:00Z', false, /^Quarter-end freeze \(financial close\): no deploys in the last 3 days of each quarter, all day in UTC \(/],
    ['security', '2026-03-30T15:00:00Z', true, null],
    ['standard', '2026-03-26T15:00:00Z', true, null],
    ['standard', '2026-06-29T15:00:00Z', false, /Quarter-end freeze/],
    ['standard', '2026-09-24T15:00:00Z', true, null],
    ['security', '2026-05-12T15:00:00Z', false, /Product launch freeze/],
  ])('a %s release at %s is allowed=%s', (releaseType, instant, allowed, reason) => {
    const result = evaluateDeployment(canary, { region: 'prod-use1', releaseType }, at(instant));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed && reason) expect(result.reasons.join(' ')).toMatch(reason);
  });
});

describe("seed 001's deployment windows by release type", () => {
  test.each([
    ['standard', '2026-03-17T13:59:00Z', false, '2026-03-17T14:00:00Z', [{ role: 'Engineering Manager', count: 1 }]],
    ['standard', '2026-03-17T09:59:00Z', false, '2026-03-17T14:00:00Z', null],
    ['standard', '2026-03-17T14:00:00Z', true, null, null],
    ['standard', '2026-03-17T18:00:00Z', false, null, [{ role: 'Engineering Manager', count: 1 }]],
    ['standard', '2026-03-20T15:00:00Z', false, null, [{ role: 'Engineering Manager', count: 1 }]],
    ['standard', '2026-03-21T15:00:00Z', false, null, null],
    ['emergency', '2026-03-21T03:00:00Z', false, null, [{ role: 'VP Engineering', count: 1 }]],
  ])('%s at %s: allowed %s, opens %s, override by %j', (releaseType, instant, allowed, opensAt, override) => {
    const result = evaluateDeployment(canary, { region: 'prod-use1', releaseType }, at(instant));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) {
      expect(iso(result.opensAt)).toBe(opensAt);
      expect(result.override).toEqual(override);
    }
  });

  test('a Friday standard deploy names the Standard window and the Extended window with manager approval', () => {
    const result = evaluateDeployment(canary, { region: 'prod-use1', releaseType: 'standard' }, at('2026-03-20T15:00:00Z'));
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.reasons[0]).toMatch(/Standard window on Mon–Thu between 14:00 and 18:00 UTC .*Extended window is open now with approval from Engineering Manager/);
  });
});

describe("seed 002's holiday freeze and SEV-1 exception", () => {
  test.each([
    ['standard', '2026-12-23T23:59:00Z', true, undefined],
    ['standard', '2026-12-24T00:00:00Z', false, null],
    ['standard', '2026-12-27T10:00:00Z', true, undefined],
    ['standard', '2026-12-31T10:00:00Z', false, null],
    ['standard', '2027-01-03T00:00:00Z', true, undefined],
    ['sev1-hotfix', '2026-12-25T10:00:00Z', false, [{ role: 'Governance Board member', count: 2 }]],
    ['standard', '2026-11-27T10:00:00Z', false, null],
  ])('%s at %s: allowed %s, override by %j', (releaseType, instant, allowed, override) => {
    const result = evaluateDeployment(governed, { region: 'production', releaseType }, at(instant));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) expect(result.override).toEqual(override);
  });
});

describe("seed 002's executive demos and business milestones, kept in an Outlook calendar file", () => {
  let milestones: Workspace;
  beforeAll(async () => {
    // The calendar's events are expanded around the given instant, so the table holds whatever today is.
    const loaded = await loadWorkspace(path.join(ROOT, 'workspaces', 'blue-green-governed'), { now: at('2026-09-01T00:00:00Z') });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    expect(loaded.calendars).toEqual([expect.objectContaining({ freeze: 'business-milestones', source: 'the file calendars/business-milestones.ics', error: null })]);
    milestones = loaded.workspace;
  });

  test.each([
    ['standard', '2026-09-16T11:59:00Z', true, undefined, null],
    // 13:00–17:00 "GMT Standard Time" (Outlook's name for London) is 12:00–16:00 UTC in September.
    ['standard', '2026-09-16T12:00:00Z', false, null, /^Business milestone freeze \(executive demos and critical business milestones\): no deploys \(Executive demo: platform roadmap\) from Wed 16 Sep 12:00 to Wed 16 Sep 16:00 UTC \(Wed 16 Sep 12:00 now\)/],
    ['standard', '2026-09-16T16:00:00Z', true, undefined, null],
    ['standard', '2026-10-08T23:59:00Z', false, null, /\(Investor day\) on Thu 8 Oct, all day in UTC \(/],
    ['sev1-hotfix', '2026-10-08T10:00:00Z', false, [{ role: 'Governance Board member', count: 2 }], /SEV-1 hotfix releases may go ahead with approval from 2 × Governance Board member/],
    ['standard', '2026-10-09T00:00:00Z', true, undefined, null],
  ])('%s at %s: allowed %s, override by %j', (releaseType, instant, allowed, override, reason) => {
    const result = evaluateDeployment(milestones, { region: 'production', releaseType }, at(instant));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) {
      expect(result.override).toEqual(override);
      expect(result.reasons.join(' ')).toMatch(reason!);
    }
  });
});

describe("seed 003's change freeze needs CAB approval", () => {
  test('a standard change in the freeze is blocked but CAB may approve it', () => {
    const result = evaluateDeployment(gated, { region: 'production', releaseType: 'standard' }, at('2026-12-22T10:00:00Z'));
    expect(result).toMatchObject({ allowed: false, override: [{ role: 'CAB', count: 1 }] });
  });
});

describe("seed 004's Pacific windows and Friday-afternoon blackout", () => {
  test.each([
    // 2026: Pacific daylight time from 8 Mar.
    ['standard', '2026-03-13T20:59:00Z', true, '2026-03-13T21:00:00Z'],
    ['standard', '2026-03-13T21:00:00Z', false, null],
    ['standard', '2026-03-12T22:59:00Z', true, '2026-03-12T23:00:00Z'],
    ['standard', '2026-03-16T16:59:00Z', false, null],
    ['standard', '2026-03-06T17:59:00Z', false, null],
    ['standard', '2026-03-14T18:00:00Z', false, null],
    ['hotfix', '2026-03-13T23:00:00Z', true, null],
    ['standard', '2026-11-26T19:00:00Z', false, null],
  ])('%s at %s: allowed %s, closes %s', (releaseType, instant, allowed, closesAt) => {
    const result = evaluateDeployment(flags, { region: 'production', releaseType }, at(instant));
    expect(result.allowed).toBe(allowed);
    if (result.allowed && closesAt) expect(iso(result.closesAt)).toBe(closesAt);
  });

  test('a Monday 09:59 Pacific deploy opens at 10:00 Pacific', () => {
    const result = evaluateDeployment(flags, { region: 'production', releaseType: 'standard' }, at('2026-03-16T16:59:00Z'));
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(iso(result.opensAt)).toBe('2026-03-16T17:00:00Z');
  });

  test('a Friday 14:00 Pacific deploy is blocked by the blackout and says why', () => {
    const result = evaluateDeployment(flags, { region: 'production', releaseType: 'standard' }, at('2026-03-13T21:00:00Z'));
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.reasons.join(' ')).toMatch(/Friday afternoon and weekend blackout: no deploys on Fri after 14:00 Los Angeles \(Fri 13 Mar 14:00 now\)/);
  });

  test('an emergency hotfix over the holidays needs an Engineering Manager', () => {
    const result = evaluateDeployment(flags, { region: 'production', releaseType: 'hotfix' }, at('2026-12-24T18:00:00Z'));
    expect(result).toMatchObject({ allowed: false, override: [{ role: 'Engineering Manager', count: 1 }] });
  });
});

describe("a freeze period's words", () => {
  // A zone after bare dates ("from 15 Dec to 2 Jan UTC") reads as the last date's alone: whole days say "all day in".
  test.each<[FreezePeriod, string, string]>([
    [{ kind: 'annual', from: '12-15', to: '01-02' }, 'UTC', '15 Dec – 2 Jan every year, all day in UTC'],
    [{ kind: 'annual', from: '12-25', to: '12-25' }, 'Europe/London', 'on 25 Dec every year, all day in London'],
    [{ kind: 'dates', from: '2026-11-26', to: '2026-11-27' }, 'America/Los_Angeles', 'Thu 26 Nov – Fri 27 Nov 2026, all day in Los Angeles'],
    [{ kind: 'dates', from: '2026-12-31', to: '2027-01-01' }, 'UTC', 'Thu 31 Dec 2026 – Fri 1 Jan 2027, all day in UTC'],
    [{ kind: 'dates', from: '2026-11-26', to: '2026-11-26' }, 'UTC', 'on Thu 26 Nov 2026, all day in UTC'],
    [{ kind: 'quarterEnd', lastDays: 3 }, 'UTC', 'in the last 3 days of each quarter, all day in UTC'],
    [{ kind: 'quarterEnd', lastDays: 1 }, 'UTC', 'in the last day of each quarter, all day in UTC'],
    [{ kind: 'weekly', days: ['Sat', 'Sun'], start: '00:00', end: '24:00' }, 'America/Los_Angeles', 'on Sat, Sun, all day in Los Angeles'],
    [{ kind: 'weekly', days: ['Fri'], start: '14:00', end: '24:00' }, 'America/Los_Angeles', 'on Fri after 14:00 Los Angeles'],
    [{ kind: 'interval', start: '2026-03-03T05:00:00Z', end: '2026-03-04T05:00:00Z' }, 'America/New_York', 'on Tue 3 Mar, all day in New York'],
    [{ kind: 'interval', start: '2026-11-27T05:00:00Z', end: '2026-11-30T05:00:00Z', summary: 'Black Friday' }, 'America/New_York', '(Black Friday) Fri 27 Nov – Sun 29 Nov, all day in New York'],
    // A day of summer time's change is still whole: 29 Mar 2026 in London has 23 hours.
    [{ kind: 'interval', start: '2026-03-29T00:00:00Z', end: '2026-03-29T23:00:00Z' }, 'Europe/London', 'on Sun 29 Mar, all day in London'],
    [{ kind: 'interval', start: '2026-09-16T12:00:00Z', end: '2026-09-16T16:00:00Z' }, 'UTC', 'from Wed 16 Sep 12:00 to Wed 16 Sep 16:00 UTC'],
    [{ kind: 'interval', start: null, end: '2026-09-16T16:00:00Z' }, 'UTC', 'until Wed 16 Sep 16:00 UTC'],
    [{ kind: 'interval', start: null, end: null }, 'UTC', 'at any time'],
  ])('%j in %s reads "%s"', (period, zone, words) => {
    expect(describePeriodIn(period, zone)).toBe(words);
  });
});
