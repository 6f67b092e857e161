import { describe, expect, it } from 'vitest';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';
import { closestName } from './did-you-mean.ts';

describe('resolvePlatform reporting', () => {
  it('reports an unknown component beside a schema error, both at once', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), images: { tag: 'latest' }, components: { mlfow: {} } });
    expect(error.issues.map((i) => i.field)).toEqual(['images.tag', 'components.mlfow']);
  });

  it('rejects a setting the component does not use, naming the ones it does', () => {
    const error = configRejection({ ...sampleConfig('hybrid'), components: { postgres: { replicas: 3 }, ui: { storage: '5Gi' } } });
    expect(error.issues).toEqual([
      { field: 'components.postgres.replicas', message: 'postgres does not use replicas (it supports: storage); remove it.' },
      { field: 'components.ui.storage', message: 'ui does not use storage (it supports: replicas); remove it.' },
    ]);
  });

  it('suggests the right name for a typo inside a cluster', () => {
    const config = sampleConfig('edge-only');
    const error = configRejection({ ...config, clusters: [{ ...config.clusters[0], rol: 'edge' }] });
    expect(error.issues.find((i) => i.field === 'clusters[0].rol')?.message).toMatch(/Did you mean "role"\?/);
  });

  it('explains a missing git section with an example', () => {
    const config: Record<string, unknown> = { ...sampleConfig('hybrid') };
    delete config['git'];
    const error = configRejection(config);
    expect(error.issues.find((i) => i.field === 'git')?.message).toMatch(/repoURL: "https:\/\//);
  });
});

describe('closestName', () => {
  it('suggests nothing for a short unrelated name', () => {
    expect(closestName('db', ['ui', 'postgres'])).toBeUndefined();
  });

  it('suggests the component a short name is part of', () => {
    expect(closestName('api', ['inference-api', 'ui'])).toBe('inference-api');
  });
});
