/**
 * A small seeded pseudo-random generator: mulberry32 for uniforms, Box–Muller for normals. The
 * simulator must give the same rows for the same seed on every machine and Node version, which
 * `Math.random` cannot promise.
 */

/** A deterministic source of random numbers. */
export interface SeededRandom {
  /** A uniform number in [0, 1). */
  uniform(): number;
  /** A standard normal number (mean 0, sd 1). */
  normal(): number;
}

/** FNV-1a over the UTF-16 code units of a stream name: a stable 32-bit label. */
function hashName(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index += 1) hash = Math.imul(hash ^ name.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** A 32-bit finaliser (from MurmurHash3) so that nearby seeds start far apart. */
function mix(value: number): number {
  let hash = value >>> 0;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * A generator for one seed and one named stream. Separate streams (`'temperature'`, `'tool'`, …)
 * of one seed are independent, so a drift scenario that draws more from one stream (faster tool
 * wear replaces tools more often) leaves every other quantity of the run unchanged.
 *
 * @throws RangeError when the seed is not a safe integer.
 */
export function createSeededRandom(seed: number, stream = ''): SeededRandom {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  let state = mix(low ^ mix(high ^ hashName(stream)));
  let spareNormal: number | undefined;

  const uniform = (): number => {
    // mulberry32 (Tommy Ettinger): a 32-bit state, fast and well mixed; fine for simulation, not for secrets.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    // Box–Muller: 1 − u lies in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };

  return { uniform, normal };
}
