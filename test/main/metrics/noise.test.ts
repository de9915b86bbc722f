import { describe, expect, test } from 'vitest';
import { gaussian, regionTrait, uniform } from '../../../main/metrics/simulated/noise';

// Values drawn by the noise before its hashes were cached per key (4e22cc0): a rehearsal replayed at the same
// simulated time draws the same graphs, before and after, whatever order the keys are first asked in.
const DRAWN: [seed: number, key: string, t: number, uniform: number, gaussian: number][] = [
  [1, 'LON|rps', 1773917700000, 0.14372694422490895, 1.2450886590890955],
  [1, 'S01|err', 1773917760000, 0.7434459840878844, 0.8680619993128466],
  [7, 'USE2|lat99', 0, 0.9618179108947515, -0.05187243811452296],
  [1, 'APSE1|cpu', 1773831300000, 0.10267078271135688, 0.3990566599557576],
  [0xffffffff, 'é|x', -60000, 0.8848473145626485, -0.2513991338224728],
];

describe('simulated noise', () => {
  test.each(DRAWN)('seed %i, %s at %i draws what it drew before, asked once and again', (seed, key, t, drawnUniform, drawnGaussian) => {
    for (let ask = 0; ask < 2; ask += 1) {
      expect(uniform(seed, key, t)).toBe(drawnUniform);
      expect(gaussian(seed, key, t)).toBe(drawnGaussian);
    }
  });

  test("a region's trait is the same number it was", () => {
    expect(regionTrait(1, 'LON', 'traffic')).toBe(0.5066846455447376);
  });
});
