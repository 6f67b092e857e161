import { describe, expect, it } from 'vitest';
import { catalogue, configDefaults, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

const hybrid = sampleConfig('hybrid');

describe('clusters[].admission', () => {
  it('defaults to Deny on every cluster', () => {
    expect(configDefaults.admission).toBe('Deny');
    expect(resolvePlatform(hybrid, catalogue).clusters.map((c) => c.admission)).toEqual(['Deny', 'Deny']);
  });

  it('takes Warn or Audit per cluster', () => {
    const [edge, cloud] = hybrid.clusters;
    const platform = resolvePlatform({ ...hybrid, clusters: [{ ...edge!, admission: 'Warn' }, { ...cloud!, admission: 'Audit' }] }, catalogue);
    expect(platform.clusters.map((c) => c.admission)).toEqual(['Warn', 'Audit']);
  });

  it('rejects another value, lists the three and suggests the likely one', () => {
    const [edge, cloud] = hybrid.clusters;
    const error = configRejection({ ...hybrid, clusters: [{ ...edge!, admission: 'deny' }, cloud] });

    expect(error.issues).toEqual([
      {
        field: 'clusters[0].admission',
        message: expect.stringMatching(/^"deny" is not valid: must be one of "Deny", "Warn", "Audit" .*Did you mean "Deny"\?$/),
      },
    ]);
  });
});
