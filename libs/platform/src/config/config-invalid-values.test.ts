import { describe, expect, it } from 'vitest';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

describe('an out-of-range value in the platform config', () => {
  it('rejects the image tag "latest" and asks for a version', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), images: { tag: 'latest' } });

    expect(error.issues).toEqual([{ field: 'images.tag', message: expect.stringContaining('use a version such as "0.1.0"') }]);
  });

  it('rejects zero replicas of a component', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { 'inference-api': { replicas: 0 } } });

    expect(error.issues).toEqual([{ field: 'components.inference-api.replicas', message: 'must be at least 1' }]);
  });

  it('rejects a fractional replica count and says whole numbers from 1 to 20', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { 'inference-api': { replicas: 1.5 } } });

    expect(error.issues).toEqual([{ field: 'components.inference-api.replicas', message: 'must be a whole number from 1 to 20' }]);
  });

  it('rejects a storage size that is not a Kubernetes quantity', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { postgres: { storage: '10 GB' } } });

    expect(error.issues).toEqual([{ field: 'components.postgres.storage', message: 'must be a storage size such as "10Gi"' }]);
  });

  it('rejects a domain that is not a DNS name and shows the expected form', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), domain: 'Factory_Example' });

    expect(error.issues).toEqual([{ field: 'domain', message: expect.stringContaining('"factory.example.com"') }]);
  });

  it('rejects a git URL that Argo CD cannot pull', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), git: { repoURL: 'github.com/example/millwright' } });

    expect(error.issues).toEqual([{ field: 'git.repoURL', message: expect.stringContaining('https://, ssh:// or git@ URL') }]);
  });

  it('says which required field is missing', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), domain: undefined });

    expect(error.issues).toEqual([{ field: 'domain', message: expect.stringMatching(/^is required/) }]);
  });
});
