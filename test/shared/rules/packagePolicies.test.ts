import { beforeAll, describe, expect, test } from 'vitest';
import { evaluate, evaluateDeployment } from '../../../shared/rules/evaluate';
import type { Step, Workspace } from '../../../shared/workspace/workspace';
import { at, iso, loadTemplate } from '../loadTemplate';

let demo: Workspace;
beforeAll(async () => {
  demo = await loadTemplate('demo');
});

const WEDNESDAY_10 = '2026-03-18T10:00:00Z';
const FRIDAY_13 = '2026-03-20T13:00:00Z';

// Seed 000's CAI table, row by row.
describe("seed 000's CAI package table", () => {
  test.each([
    ['terraform-bedrock', false],
    ['terraform-cai-territory-setup', false],
    ['terraform-cai', false],
    ['terraform-rt-cai-websocket', false],
  ])('deploys %s any time without maintenance mode', (name, maintenance) => {
    expect(evaluateDeployment(demo, { region: 'EUW2', package: name }, at(WEDNESDAY_10)).allowed).toBe(true);
    expect(demo.packages.find((p) => p.name === name)?.needsMaintenanceMode).toBe(maintenance);
  });

  test.each(['omni-settings', 'avsapp-scripts', 'routing-policies'])('deploys %s on Friday afternoon only', (name) => {
    expect(evaluateDeployment(demo, { region: 'EUW2', package: name }, at(FRIDAY_13)).allowed).toBe(true);
    const wednesday = evaluateDeployment(demo, { region: 'EUW2', package: name }, at(WEDNESDAY_10));
    expect(wednesday).toMatchObject({ allowed: false, opensAt: null });
    if (!wednesday.allowed) expect(wednesday.reasons[0]).toMatch(/it will not open again today \(next opening Fri 20 Mar 12:00 London\)/);
    const fridayMorning = evaluateDeployment(demo, { region: 'EUW2', package: name }, at('2026-03-20T11:59:00Z'));
    expect(fridayMorning.allowed ? null : iso(fridayMorning.opensAt)).toBe('2026-03-20T12:00:00Z');
  });

  test.each([
    'terraform-rt-deepgram',
    'terraform-fsx8',
    'terraform-rt-transcribed',
    'fsxinetd8',
    'transcribed',
    'stats-transcribed',
    'container-noisereduction-transcribed',
    'container-turndetect-transcribed',
  ])('schedules %s with maintenance mode in the region window', (name) => {
    expect(demo.packages.find((p) => p.name === name)?.needsMaintenanceMode).toBe(true);
    const morning = evaluateDeployment(demo, { region: 'EUW2', package: name }, at(WEDNESDAY_10));
    expect(morning.allowed ? null : iso(morning.opensAt)).toBe('2026-03-18T18:00:00Z');
    expect(evaluateDeployment(demo, { region: 'EUW2', package: name }, at('2026-03-18T18:00:00Z')).allowed).toBe(true);
  });

  const deployStep: Step = {
    id: 'deploy', title: 'Deploy', kind: 'command', command: 'deploy-apply', owner: 'PE', after: [], timing: [], deploys: true, maintenanceMode: 'packages',
  };

  test.each([
    ['transcribed', false, false],
    ['transcribed', true, true],
    ['terraform-bedrock', false, true],
  ])('a step deploying %s with maintenance mode %s in EUW2 after 18:00 is allowed=%s', (name, maintenance, allowed) => {
    const result = evaluate(deployStep, 'EUW2', { workspace: demo, packages: [name], maintenance: { EUW2: maintenance } }, at('2026-03-18T18:30:00Z'));
    expect(result.allowed).toBe(allowed);
    if (!result.allowed) expect(result.reasons[0]).toBe('transcribed needs EUW2 in maintenance mode, and EUW2 is not in maintenance mode; it opens once maintenance mode is enabled there (traffic moves to EUC1).');
  });

  test.each([
    [true, true],
    [false, false],
  ])('a rollback ignores windows but with maintenance mode %s is allowed=%s', (maintenance, allowed) => {
    const result = evaluate(deployStep, 'EUW2', { workspace: demo, packages: ['transcribed'], maintenance: { EUW2: maintenance }, purpose: 'rollback' }, at(WEDNESDAY_10));
    expect(result.allowed).toBe(allowed);
  });
});
