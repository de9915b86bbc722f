/**
 * Noise that depends only on (seed, region, signal, time), never on the order of queries: the same
 * rehearsal replayed at the same simulated time draws the same graphs.
 */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32's output step: a well-mixed 32-bit value from a 32-bit state. */
function mix(state: number): number {
  let t = (state + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/**
 * mulberry32 as a stream: the same seed gives the same sequence every run. The demo's generated history
 * draws from it, and the tests that try many random inputs replay a failure by its seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const value = mix(state);
    state = (state + 0x6d2b79f5) >>> 0;
    return value;
  };
}

/** Uniform in [0, 1). */
export function uniform(seed: number, key: string, t: number): number {
  return mix(fnv1a(`${seed}|${key}|${t}`));
}

/** Roughly normal, mean 0, standard deviation 1 (Irwin–Hall of four uniforms). */
export function gaussian(seed: number, key: string, t: number): number {
  let total = 0;
  for (let draw = 0; draw < 4; draw += 1) total += uniform(seed, `${key}#${draw}`, t);
  return (total - 2) / Math.sqrt(4 / 12);
}

/** A stable per-region constant in [0, 1): how busy a region is, where its latency sits. */
export function regionTrait(seed: number, regionId: string, trait: string): number {
  return uniform(seed, `${regionId}|${trait}`, 0);
}
