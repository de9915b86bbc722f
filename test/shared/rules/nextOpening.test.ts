import { beforeAll, describe, expect, test } from 'vitest';
import { evaluateDeployment } from '../../../shared/rules/evaluate';
import type { Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

// Seed 001: Standard deploys Mon–Thu 14:00–18:00 UTC; holiday freeze 15 Dec – 2 Jan; quarter-end freeze the last 3 days of a quarter.
let canary: Workspace;
beforeAll(async () => {
  canary = await loadTemplate('canary-progressive');
});

function standardDeploy(instant: string) {
  return evaluateDeployment(canary, { region: 'prod-use1', package: 'api-server', releaseType: 'standard' }, at(instant));
}

describe('the next opening is the first instant every rule allows', () => {
  test.each([
    // The freeze ends at Sun 3 Jan 00:00, but the Standard window is shut on Sundays: Mon 4 Jan 14:00.
    ['2027-01-02T12:00:00Z', '2027-01-04T14:00:00Z', 'Sun 3 Jan'],
    // Mon 14 Dec after hours: Tuesday's window falls inside the freeze, so the chase crosses it.
    ['2026-12-14T19:00:00Z', '2027-01-04T14:00:00Z', 'Tue 15 Dec'],
    // Quarter-end freeze Mon 29 – Wed 31 Mar: it lifts Thu 1 Apr at midnight, the window at 14:00.
    ['2027-03-29T12:00:00Z', '2027-04-01T14:00:00Z', 'Thu 1 Apr 00:00'],
    // One rule alone: the window's own next opening.
    ['2026-12-11T12:00:00Z', '2026-12-14T14:00:00Z', 'Sat 12 Dec'],
  ])('at %s it next opens at %s, and no reason names %s', (instant, nextOpensAt, wrong) => {
    const evaluation = standardDeploy(instant);
    if (evaluation.allowed) throw new Error(`expected a block at ${instant}`);
    expect(iso(evaluation.nextOpensAt)).toBe(nextOpensAt);
    expect(evaluation.opensAt).toBeNull();
    for (const reason of evaluation.reasons) expect(reason).not.toContain(wrong);
  });

  test('the freeze sentence names the opening the window allows too', () => {
    const evaluation = standardDeploy('2027-01-02T12:00:00Z');
    if (evaluation.allowed) throw new Error('expected a block');
    const freeze = evaluation.reasons.find((r) => r.startsWith('Holiday freeze'));
    expect(freeze).toContain('next opening Mon 4 Jan 14:00 UTC');
  });

  test('a step blocked only later today opens today, and its next opening is the same instant', () => {
    const evaluation = standardDeploy('2026-12-10T12:00:00Z');
    if (evaluation.allowed) throw new Error('expected a block');
    expect(iso(evaluation.opensAt)).toBe('2026-12-10T14:00:00Z');
    expect(iso(evaluation.nextOpensAt)).toBe('2026-12-10T14:00:00Z');
  });
});
