import { describe, expect, it } from 'vitest';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

describe('a misspelt name in the platform config', () => {
  it('rejects an unknown component key and suggests the component meant', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { mlfow: { replicas: 2 } } });

    expect(error.issues).toEqual([{ field: 'components.mlfow', message: expect.stringContaining('Did you mean "mlflow"?') }]);
  });

  it('lists the known components beside an unknown component key', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { mlfow: {} } });

    expect(error.issues[0]?.message).toContain('Known components: namespaces, admission-policies, postgres, minio');
  });

  it('rejects a misspelt topology and suggests the topology meant', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), topology: 'hybird' });

    expect(error.issues).toEqual([{ field: 'topology', message: expect.stringContaining('Did you mean "hybrid"?') }]);
  });

  it('names the valid topologies when the topology is misspelt', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), topology: 'hybird' });

    expect(error.issues[0]?.message).toContain('must be one of "edge-only", "hybrid", "cloud-only"');
  });

  it('rejects a misspelt top-level field and suggests the field meant', () => {
    const { topology, ...rest } = sampleConfig('hybrid');
    const error = configRejection({ ...rest, topolgy: topology });

    expect(error.issues).toContainEqual({ field: 'topolgy', message: expect.stringContaining('Did you mean "topology"?') });
  });

  it('tells the user to remove or respell an unknown top-level field', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), replicaz: 3 });

    expect(error.issues).toEqual([{ field: 'replicaz', message: expect.stringContaining('Remove it or fix its spelling') }]);
  });

  it('rejects an unknown field inside a cluster by its full path', () => {
    const [edge, cloud] = sampleConfig('hybrid').clusters;
    const error = configRejection({ ...sampleConfig('hybrid'), clusters: [{ ...edge, rol: 'edge' }, cloud] });

    expect(error.issues.map((issue) => issue.field)).toEqual(['clusters[0].rol']);
  });
});
