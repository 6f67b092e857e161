import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestName, didYouMean } from './did-you-mean.ts';

const components = ['postgres', 'minio', 'mlflow', 'inference-api', 'edge-gateway'];

describe('didYouMean', () => {
  it('suggests the known name one letter away', () => {
    expect(didYouMean('mlfow', components)).toBe(' Did you mean "mlflow"?');
  });

  it('suggests the known name with two letters swapped', () => {
    expect(didYouMean('hybird', ['edge-only', 'hybrid', 'cloud-only'])).toBe(' Did you mean "hybrid"?');
  });

  it('ignores case when comparing names', () => {
    expect(closestName('MinIO', components)).toBe('minio');
  });

  it('suggests nothing for a name unlike any known one', () => {
    expect(didYouMean('kafka-connect', components)).toBe('');
  });

  it('suggests nothing when there are no known names', () => {
    expect(didYouMean('rol', [])).toBe('');
  });

  it('suggests every known name for itself', () => {
    fc.assert(
      fc.property(fc.subarray(components, { minLength: 1 }), fc.nat(), (known, pick) => {
        const name = known[pick % known.length]!;
        expect(closestName(name, known)).toBe(name);
      }),
    );
  });
});
