import { describe, expect, it } from 'vitest';
import { openRegionLabel, openReleaseLabel } from '../../../renderer/views/palette-labels';

describe('the command palette names a release or a region once', () => {
  it.each([
    ['CAI release — Bedrock model update and routing policies', 'Open CAI release — Bedrock model update and routing policies'],
    ['Emergency — SIP proxy crash fix', 'Open release Emergency — SIP proxy crash fix'],
    ['Production rollout — sprint 2026.05', 'Open release Production rollout — sprint 2026.05'],
    ['Releases train 7', 'Open release Releases train 7'],
  ])('release %j → %j', (title, label) => {
    expect(openReleaseLabel(title)).toBe(label);
  });

  it.each([
    ['APSE2', 'Asia Pacific (Sydney)', 'Open region APSE2, Asia Pacific (Sydney)'],
    ['S01', 'SDC S01', 'Open region SDC S01'],
    ['LON', 'London (internal operations)', 'Open region LON, London (internal operations)'],
    ['NEXUS', 'Nexus', 'Open region Nexus'],
    ['EU', 'Europe (London)', 'Open region EU, Europe (London)'],
  ])('region %s named %j → %j', (id, name, label) => {
    expect(openRegionLabel(id, name)).toBe(label);
  });
});
