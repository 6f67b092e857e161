/**
 * Seeded randomness for splitting and sampling. Training must give the same model for the same
 * seed on every machine, which `Math.random` cannot promise.
 *
 * libs/factory has its own generator for the simulator; this library stays independent of any
 * use case (docs/architecture.md, "Models"), so it keeps this small one.
 */

/** A uniform number in [0, 1), deterministic for its seed. */
export type UniformRandom = () => number;

/**
 * mulberry32 (Tommy Ettinger): a 32-bit state, fast and well mixed — fine for sampling, not for
 * secrets. The seed is first passed through a MurmurHash3 finaliser so that nearby seeds
 * (1, 2, 3 …) start far apart.
 *
 * @throws RangeError when the seed is not a safe integer.
 */
export function createRandom(seed: number): UniformRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  let state = mix((seed >>> 0) ^ mix(Math.floor(seed / 2 ** 32) >>> 0));
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit finaliser (MurmurHash3 fmix32). */
function mix(value: number): number {
  let hash = value >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/** A derived seed for sub-task `index` of `seed`, so each candidate or tree has its own stream. */
export function deriveSeed(seed: number, index: number): number {
  // Kept below 2^31: ml-random-forest requires a 32-bit integer seed (random-js MersenneTwister).
  return mix(mix(seed >>> 0) ^ Math.imul(index + 1, 0x9e3779b1)) & 0x7fffffff;
}

/** A new array with the items in a seeded random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: UniformRandom): T[] {
  const result = items.slice();
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const item = result[index]!;
    result[index] = result[other]!;
    result[other] = item;
  }
  return result;
}
