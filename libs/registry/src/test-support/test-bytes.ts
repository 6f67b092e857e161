import { expect } from 'vitest';

/**
 * Fails unless `actual` holds exactly the bytes of `expected`. Compares with Buffer.equals: a deep
 * `toEqual` over a large Uint8Array walks it element by element and takes seconds.
 */
export function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual, 'expected bytes, got nothing').toBeInstanceOf(Uint8Array);
  expect(actual!.byteLength, 'byte length').toBe(expected.byteLength);
  expect(Buffer.from(actual!.buffer, actual!.byteOffset, actual!.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength)), 'bytes differ').toBe(true);
}

/** Every byte value, forwards then backwards: catches text decoding, truncation and byte-order slips. */
export function everyByteValue(): Uint8Array {
  const bytes = new Uint8Array(512);
  for (let i = 0; i < 256; i += 1) {
    bytes[i] = i;
    bytes[511 - i] = i;
  }
  return bytes;
}

/** `size` deterministic pseudo-random bytes (xorshift32), so a failure is reproducible. */
export function pseudoRandomBytes(size: number, seed = 0x2545f491): Uint8Array {
  const bytes = new Uint8Array(size);
  let state = seed >>> 0;
  for (let i = 0; i < size; i += 1) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
