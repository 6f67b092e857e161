import { createHash, randomBytes } from 'node:crypto';

/** A source of random bytes; tests pass `seededRandomBytes` so generated values repeat. */
export type RandomBytes = (size: number) => Uint8Array;

/** The operating system's cryptographic random source. */
export const systemRandomBytes: RandomBytes = (size) => new Uint8Array(randomBytes(size));

/**
 * A deterministic stream of bytes from `seed` (SHA-256 of seed and a counter): the same seed
 * gives the same values, so a test can pin what `labSecretValues` makes. Never for real secrets.
 */
export function seededRandomBytes(seed: string): RandomBytes {
  let counter = 0;
  let pool = new Uint8Array(0);
  return (size) => {
    while (pool.length < size) {
      const block = createHash('sha256').update(`${seed}:${counter}`).digest();
      counter += 1;
      pool = new Uint8Array([...pool, ...block]);
    }
    const taken = pool.slice(0, size);
    pool = pool.slice(size);
    return taken;
  };
}
