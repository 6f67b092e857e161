/**
 * A small deterministic random source, so a test or a lab run can replay the same jitter and
 * the same stalls from a seed. Statistical quality only needs to be good enough for delays:
 * a Weyl sequence scrambled by a 32-bit avalanche mix.
 */

/** A function returning numbers in [0, 1). */
export type RandomSource = () => number;

const golden32 = 0x9e3779b9;

/** A random source that yields the same sequence for the same `seed`. */
export function seededRandom(seed: number): RandomSource {
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + golden32) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 16), 0x85ebca6b);
    mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
    mixed = (mixed ^ (mixed >>> 16)) >>> 0;
    return mixed / 2 ** 32;
  };
}

/** Independent streams derived from one seed, one for each use (jitter, stalls, per direction). */
export function deriveSeed(seed: number, stream: number): number {
  return seededRandom(seed ^ Math.imul(stream + 1, golden32))() * 2 ** 32;
}
