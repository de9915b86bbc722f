/**
 * Noise that depends only on (seed, region, signal, time), never on the order of queries: the same
 * rehearsal replayed at the same simulated time draws the same graphs.
 */
const FNV_OFFSET_BASIS = 0x811c9dc5;

/** FNV-1a of `text`, continued from `hash` (a prefix's hash): fnv1a(a + b) = fnv1aFrom(fnv1a(a), b). */
function fnv1aFrom(hash: number, text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Hashes of a key's prefixes, once per key: a day of history asks for the same few keys at every instant, so only
 * the instant's digits are hashed after them (the same value as hashing the whole string, without building it).
 */
class PrefixHashes<T> {
  private readonly bySeed = new Map<number, Map<string, T>>();
  constructor(private readonly compute: (seed: number, key: string) => T) {}

  of(seed: number, key: string): T {
    let ofSeed = this.bySeed.get(seed);
    if (ofSeed === undefined) this.bySeed.set(seed, (ofSeed = new Map()));
    let hashes = ofSeed.get(key);
    if (hashes === undefined) {
      // Keys are a workspace's regions and signals; a bound keeps a caller with endless keys from growing it forever.
      if (ofSeed.size > 10_000) ofSeed.clear();
      hashes = this.compute(seed, key);
      ofSeed.set(key, hashes);
    }
    return hashes;
  }
}

/** `${seed}|${key}|`, uniform's string before the instant. */
const uniformPrefix = new PrefixHashes((seed, key) => fnv1aFrom(FNV_OFFSET_BASIS, `${seed}|${key}|`));
/** `${seed}|${key}#${draw}|` for gaussian's four draws. */
const GAUSSIAN_DRAWS = 4;
const gaussianPrefixes = new PrefixHashes((seed, key) => Array.from({ length: GAUSSIAN_DRAWS }, (_, draw) => fnv1aFrom(FNV_OFFSET_BASIS, `${seed}|${key}#${draw}|`)));

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
  return mix(fnv1aFrom(uniformPrefix.of(seed, key), String(t)));
}

/** Roughly normal, mean 0, standard deviation 1 (Irwin–Hall of four uniforms). */
export function gaussian(seed: number, key: string, t: number): number {
  // Each draw is uniform(seed, `${key}#${draw}`, t), from its cached prefix.
  const prefixes = gaussianPrefixes.of(seed, key);
  const instant = String(t);
  let total = 0;
  for (let draw = 0; draw < GAUSSIAN_DRAWS; draw += 1) total += mix(fnv1aFrom(prefixes[draw]!, instant));
  return (total - GAUSSIAN_DRAWS / 2) / Math.sqrt(GAUSSIAN_DRAWS / 12);
}

/** A stable per-region constant in [0, 1): how busy a region is, where its latency sits. */
export function regionTrait(seed: number, regionId: string, trait: string): number {
  return uniform(seed, `${regionId}|${trait}`, 0);
}
