import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallestFloat32AtLeast } from './float32.ts';

describe('smallestFloat32AtLeast', () => {
  it('keeps a float32 value as it is', () => {
    expect(smallestFloat32AtLeast(0.5)).toBe(0.5);
    expect(smallestFloat32AtLeast(Math.fround(0.1))).toBe(Math.fround(0.1));
  });

  it('rounds a double up to the next float32 when fround rounds it down', () => {
    expect(Math.fround(0.7)).toBeLessThan(0.7);
    const exported = smallestFloat32AtLeast(0.7);
    expect(exported).toBeGreaterThan(0.7);
    expect(Math.fround(exported)).toBe(exported);
    expect(smallestFloat32AtLeast(0.1)).toBe(Math.fround(0.1)); // fround(0.1) is already above 0.1
    expect(smallestFloat32AtLeast(-0.7)).toBe(Math.fround(-0.7)); // fround(-0.7) is above -0.7
    expect(Math.fround(-0.1)).toBeLessThan(-0.1);
    expect(smallestFloat32AtLeast(-0.1)).toBeGreaterThan(-0.1);
    expect(smallestFloat32AtLeast(-0.1) - Math.fround(-0.1)).toBe(2 ** -27); // one float32 step in [1/16, 1/8)
    expect(smallestFloat32AtLeast(1e-50)).toBe(2 ** -149);
  });

  it('splits float32 values exactly as the double threshold does (property)', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        const threshold = (a + b) / 2; // ml-cart's split value: the mean of two float32 values
        const exported = smallestFloat32AtLeast(threshold);
        expect(Math.fround(exported)).toBe(exported);
        expect(exported >= threshold).toBe(true);
        for (const x of [a, b, Math.fround(threshold), exported]) expect(x < exported).toBe(x < threshold);
      }),
    );
  });
});
