import { describe, expect, it } from 'vitest';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

describe('the clusters of the platform config', () => {
  const hybrid = sampleConfig('hybrid');
  const [edge, cloud] = hybrid.clusters;

  it('rejects a second cluster of the same name at that cluster', () => {
    const error = configRejection({ ...hybrid, clusters: [edge, { ...cloud, name: 'edge-1' }] });

    expect(error.issues).toEqual([{ field: 'clusters[1].name', message: expect.stringContaining('cluster names must be unique') }]);
  });

  it('names the earlier cluster a duplicate name clashes with', () => {
    const error = configRejection({ ...hybrid, clusters: [edge, { ...cloud, name: 'edge-1' }] });

    expect(error.issues[0]?.message).toContain('already the name of clusters[0]');
  });

  it('rejects an edge cluster without arch and suggests the values', () => {
    const error = configRejection({ ...sampleConfig('edge-only'), clusters: [{ name: 'press-line', role: 'edge' }] });

    expect(error.issues).toEqual([{ field: 'clusters[0].arch', message: expect.stringContaining('add arch: "arm64"') }]);
  });

  it('rejects a hybrid topology without a cloud cluster and says to add one', () => {
    const error = configRejection({ ...hybrid, clusters: [edge] });

    expect(error.issues).toEqual([{ field: 'topology', message: expect.stringContaining('needs at least one cloud cluster; add one') }]);
  });

  it('rejects an edge-only topology without an edge cluster', () => {
    const error = configRejection({ ...sampleConfig('edge-only'), clusters: [cloud] });

    expect(error.issues).toEqual([{ field: 'topology', message: expect.stringContaining('needs at least one edge cluster') }]);
  });

  it('asks every one of several clusters for its Argo CD destination', () => {
    const error = configRejection({ ...hybrid, clusters: [{ ...edge, argocd: undefined }, { ...cloud, argocd: undefined }] });

    expect(error.issues.map((issue) => issue.field)).toEqual(['clusters[0].argocd', 'clusters[1].argocd']);
  });

  it('shows the argocd entry to add for a cluster without destination', () => {
    const error = configRejection({ ...hybrid, clusters: [edge, { ...cloud, argocd: undefined }] });

    expect(error.issues).toEqual([{ field: 'clusters[1].argocd', message: expect.stringContaining('add argocd: { name: "core" }') }]);
  });

  it('rejects an Argo CD destination given both as server and as name', () => {
    const error = configRejection({ ...hybrid, clusters: [edge, { ...cloud, argocd: { server: 'https://core.example.com:6443', name: 'core' } }] });

    expect(error.issues).toEqual([{ field: 'clusters[1].argocd', message: 'set either server or name, not both.' }]);
  });
});
