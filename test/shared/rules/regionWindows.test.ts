import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateDeployment } from '../../../shared/rules/evaluate';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

// Seed 000's regional timing, written in Europe/London: UK summer time moves every window by an hour in UTC.
describe("seed 000's regional windows", () => {
  test.each([
    // region, instant, allowed, opensAt, closesAt
    ['EUW2', '2026-03-20T17:59:00Z', false, '2026-03-20T18:00:00Z', null],
    ['EUW2', '2026-03-20T18:00:00Z', true, null, '2026-03-21T00:00:00Z'],
    ['EUW2', '2026-07-17T16:59:00Z', false, '2026-07-17T17:00:00Z', null],
    ['EUW2', '2026-07-17T17:00:00Z', true, null, '2026-07-17T23:00:00Z'],
    ['EUC1', '2026-03-27T17:00:00Z', false, '2026-03-27T18:00:00Z', null],
    ['EUC1', '2026-03-30T17:00:00Z', true, null, '2026-03-30T23:00:00Z'],
    ['EUW2', '2026-03-29T17:00:00Z', true, null, '2026-03-29T23:00:00Z'],
    ['EUW2', '2026-10-25T17:59:00Z', false, '2026-10-25T18:00:00Z', null],
    ['EUW2', '2026-10-25T18:00:00Z', true, null, '2026-10-26T00:00:00Z'],
    ['EUW2', '2027-03-26T18:00:00Z', true, null, '2027-03-27T00:00:00Z'],
    ['EUW2', '2027-03-29T17:00:00Z', true, null, '2027-03-29T23:00:00Z'],
    ['EUW2', '2027-10-29T17:00:00Z', true, null, '2027-10-29T23:00:00Z'],
    ['EUW2', '2027-11-01T17:00:00Z', false, '2027-11-01T18:00:00Z', null],
    // The weeks when the US has changed and the UK has not (and back): the rule follows London.
    ['USE2', '2026-03-09T13:59:00Z', true, null, '2026-03-09T14:00:00Z'],
    ['USE2', '2026-03-09T14:00:00Z', false, null, null],
    ['USW2', '2026-03-30T12:59:00Z', true, null, '2026-03-30T13:00:00Z'],
    ['USW2', '2026-03-30T13:00:00Z', false, null, null],
    ['USE2', '2026-10-26T13:59:00Z', true, null, '2026-10-26T14:00:00Z'],
    ['USE2', '2027-03-15T13:30:00Z', true, null, '2027-03-15T14:00:00Z'],
    ['USE2', '2027-11-02T13:30:00Z', true, null, '2027-11-02T14:00:00Z'],
    // "Around 12:00" is 11:00–13:00.
    ['APSE1', '2026-07-17T09:59:00Z', false, '2026-07-17T10:00:00Z', null],
    ['APSE1', '2026-07-17T10:00:00Z', true, null, '2026-07-17T12:00:00Z'],
    ['APSE2', '2026-07-17T12:00:00Z', false, null, null],
    ['APSE2', '2026-01-15T11:00:00Z', true, null, '2026-01-15T13:00:00Z'],
    ['S01', '2026-01-15T03:00:00Z', true, null, null],
    ['S02', '2026-07-17T21:00:00Z', true, null, null],
    ['LON', '2026-07-17T09:00:00Z', true, null, null],
    ['GLOBAL', '2026-12-25T00:00:00Z', true, null, null],
    ['NEXUS', '2027-03-28T01:30:00Z', true, null, null],
  ])('%s at %s: allowed %s, opens %s, closes %s', (region, instant, allowed, opensAt, closesAt) => {
    const result = evaluateDeployment(demo, { region }, at(instant));
    expect(result.allowed).toBe(allowed);
    expect(iso(result.allowed ? null : result.opensAt)).toBe(opensAt === null ? null : opensAt.replace(':00Z', ':00Z'));
    expect(iso(result.closesAt)).toBe(closesAt);
  });

  test('blocks EUW2 deploys before 18:00 London and names the rule, zone and local time', () => {
    const result = evaluateDeployment(demo, { region: 'EUW2' }, at('2026-03-20T17:59:00Z'));
    expect(result.allowed).toBe(false);
    if (!result.allowed) expect(result.reasons).toEqual(['EUW2 deploys open after 18:00 London (17:59 now).']);
  });

  test('says a US window will not open again today once 14:00 London has passed', () => {
    const result = evaluateDeployment(demo, { region: 'USE2' }, at('2026-07-17T14:00:00Z'));
    expect(result.allowed).toBe(false);
    if (!result.allowed) {
      expect(result.opensAt).toBeNull();
      expect(result.reasons[0]).toMatch(/^USE2 deploys open before 14:00 London \(15:00 now\); it will not open again today \(next opening Sat 18 Jul 00:00 London\)\.$/);
    }
  });

  test('lets a rollback through at any time: windows are never the reason a way out is closed', () => {
    expect(evaluateDeployment(demo, { region: 'EUW2', purpose: 'rollback' }, at('2026-03-20T10:00:00Z')).allowed).toBe(true);
  });
});
