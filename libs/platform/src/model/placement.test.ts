import { describe, expect, it } from 'vitest';
import { catalogue, isColocated, placedRoles, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';

/** The roles of the clusters each deployed component lands on. */
function rolesByComponent(topology: (typeof allTopologies)[number]): Record<string, string[]> {
  return Object.fromEntries(buildSample(topology).map((c) => [c.definition.name, c.clusters.map((cluster) => cluster.role)]));
}

const definition = (name: string) => catalogue.find((c) => c.name === name)!;

describe('placement under the hybrid topology', () => {
  const roles = rolesByComponent('hybrid');

  it.each(['inference-api', 'redis-edge', 'edge-gateway', 'sensor-sim'])('runs %s on the edge cluster', (name) => {
    expect(roles[name]).toEqual(['edge']);
  });

  it.each(['mlflow', 'minio', 'postgres', 'redis-cloud', 'ui'])('runs %s on the cloud cluster', (name) => {
    expect(roles[name]).toEqual(['cloud']);
  });

  it('runs the namespaces on both clusters', () => {
    expect(roles['namespaces']).toEqual(['edge', 'cloud']);
  });

  it('runs an edge component on every edge cluster', () => {
    const [edge, cloud] = sampleConfig('hybrid').clusters;
    const second = { ...edge!, name: 'edge-2', argocd: { name: 'edge-2' } };
    const clusters = componentNamed(buildSample('hybrid', { clusters: [edge!, second, cloud!] }), 'inference-api').clusters;

    expect(clusters.map((cluster) => cluster.name)).toEqual(['edge-1', 'edge-2']);
  });
});

describe('placement under a single-role topology', () => {
  it('runs every deployed component on the edge under edge-only', () => {
    expect(new Set(Object.values(rolesByComponent('edge-only')).flat())).toEqual(new Set(['edge']));
  });

  it('runs every deployed component in the cloud under cloud-only', () => {
    expect(new Set(Object.values(rolesByComponent('cloud-only')).flat())).toEqual(new Set(['cloud']));
  });

  it('leaves out the cloud feature store under edge-only', () => {
    expect(Object.keys(rolesByComponent('edge-only'))).not.toContain('redis-cloud');
  });

  it('leaves out the edge feature store under cloud-only', () => {
    expect(Object.keys(rolesByComponent('cloud-only'))).not.toContain('redis-edge');
  });

  it.each(allTopologies)('runs the namespaces under %s', (topology) => {
    expect(Object.keys(rolesByComponent(topology))).toContain('namespaces');
  });
});

describe('placedRoles and isColocated', () => {
  const hybrid = resolvePlatform(sampleConfig('hybrid'), catalogue);

  it('places a disabled component nowhere', () => {
    const platform = resolvePlatform({ ...sampleConfig('hybrid'), components: { ui: { enabled: false } } }, catalogue);

    expect(placedRoles(platform, definition('ui'))).toEqual([]);
  });

  it('finds a target on the same edge cluster co-located', () => {
    expect(isColocated(hybrid, definition('edge-gateway'), definition('inference-api'))).toBe(true);
  });

  it('finds a cloud target from an edge component not co-located', () => {
    expect(isColocated(hybrid, definition('inference-api'), definition('mlflow'))).toBe(false);
  });

  it('finds a cloud-only target from a component on both roles not co-located', () => {
    expect(isColocated(hybrid, definition('namespaces'), definition('postgres'))).toBe(false);
  });

  it.each(['edge-only', 'cloud-only'] as const)('co-locates every pair of deployed components under %s', (topology) => {
    const platform = resolvePlatform(sampleConfig(topology), catalogue);
    const deployed = catalogue.filter((c) => placedRoles(platform, c).length > 0);

    expect(deployed.every((source) => deployed.every((target) => isColocated(platform, source, target)))).toBe(true);
  });
});
