import { describe, expect, test } from 'vitest';
import type { GateView, StepView } from '../../../shared/api';
import { markersAt, stepMarkers } from '../../../renderer/views/graphs/step-markers';

const MINUTE = 60_000;

function step(key: string, title: string, regionId: string | null, doneAt: number | null): StepView {
  return { key, title, regionId, doneAt } as StepView;
}

const gates = [
  { steps: [step('cr', 'Write the production CR', null, 1_000 * MINUTE), step('deploy@S01', 'Deploy SDC', 'S01', 1_030 * MINUTE), step('deploy@S02', 'Deploy SDC', 'S02', 1_031 * MINUTE)] },
  { steps: [step('baseline@S01', 'Capture baseline', 'S01', 1_010 * MINUTE), step('verify@S01', 'Verify', 'S01', null)] },
] as unknown as GateView[];

describe('step markers on a region graph', () => {
  test('are the region’s done steps, oldest first, and nothing from other regions or not yet done', () => {
    expect(stepMarkers(gates, 'S01')).toEqual([
      { atMs: 1_010 * MINUTE, title: 'Capture baseline' },
      { atMs: 1_030 * MINUTE, title: 'Deploy SDC' },
    ]);
    expect(stepMarkers(gates, 'LON')).toEqual([]);
  });

  test('under the crosshair: the step within half a period of the hovered point', () => {
    const markers = stepMarkers(gates, 'S01');
    expect(markersAt(markers, 1_030 * MINUTE + 30_000, MINUTE).map((m) => m.title)).toEqual(['Deploy SDC']);
    expect(markersAt(markers, 1_031 * MINUTE, MINUTE)).toEqual([]);
    expect(markersAt(markers, 1_020 * MINUTE, 5 * MINUTE)).toEqual([]);
  });
});
