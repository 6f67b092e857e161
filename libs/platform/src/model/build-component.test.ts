import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlatform,
  catalogue,
  describeObject,
  planeNamespace,
  resolvePlatform,
  type ComponentDefinition,
  type Endpoint,
  type Topology,
} from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';

const anyTopology = fc.constantFrom(...allTopologies);
const anyReplicas = fc.integer({ min: 1, max: 5 });

describe('buildPlatform', () => {
  it('builds the deployed components in catalogue order', () => {
    const names = buildSample('cloud-only').map((c) => c.definition.name);

    expect(names).toEqual(catalogue.filter((c) => !c.optional).map((c) => c.name).filter((name) => name !== 'redis-edge' && name !== 'prometheus-agent'));
  });

  it('puts a component in the namespace of its plane', () => {
    expect(componentNamed(buildSample('hybrid'), 'inference-api').namespace).toBe('millwright-ot');
  });

  it('prefixes plane namespaces with the platform name', () => {
    const platform = resolvePlatform({ ...sampleConfig('hybrid'), name: 'acme' }, catalogue);

    expect(planeNamespace(platform, 'governance')).toBe('acme-governance');
  });

  // namespaces and admission-policies render cluster-scoped objects (Namespaces, admission policies).
  const namespaced = buildSample('hybrid').filter((c) => !['namespaces', 'admission-policies'].includes(c.definition.name));
  it.each(namespaced.map((c) => [c.definition.name, c] as const))('puts every object of %s in its plane namespace', (_, component) => {
    expect(new Set(renderedObjects(component).map((object) => object.metadata.namespace))).toEqual(new Set([component.namespace]));
  });

  it('renders the same objects, keys in the same order, for the same config', () => {
    const rendered = (t: Topology, n: number) =>
      JSON.stringify(buildSample(t, { components: { 'inference-api': { replicas: n } } }).map((c) => [c.objects, c.clusterObjects]));
    fc.assert(
      fc.property(anyTopology, anyReplicas, (t, n) => {
        expect(rendered(t, n)).toBe(rendered(t, n));
      }),
      { numRuns: 30 },
    );
  });

  it('never renders two objects of one kind, namespace and name on one cluster', () => {
    fc.assert(
      fc.property(anyTopology, anyReplicas, (t, n) => {
        const built = buildSample(t, { components: { 'inference-api': { replicas: n } } });
        for (const cluster of resolvePlatform(sampleConfig(t), catalogue).clusters) {
          const onCluster = built.filter((c) => c.clusters.some((placed) => placed.name === cluster.name));
          const ids = onCluster.flatMap((c) => [...c.objects, ...(c.clusterObjects[cluster.name] ?? [])]).map(describeObject);
          expect(ids.length).toBe(new Set(ids).size);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('the build context of a component', () => {
  const ui = catalogue.find((c) => c.name === 'ui')!;

  /** Builds the catalogue plus a probe component placed like `placement` that asks for `target`'s `port`. */
  function endpointSeen(topology: Topology, placement: ComponentDefinition['placement'], target: string, port: string): Endpoint {
    let seen: Endpoint | undefined;
    const probe: ComponentDefinition = { ...ui, name: 'probe', placement, build: (context) => ((seen = context.endpoint(target, port)), []) };
    const withProbe = [...catalogue, probe];
    buildPlatform(resolvePlatform(sampleConfig(topology), withProbe), withProbe);
    return seen!;
  }

  it('reaches a co-located target through its cluster-local Service', () => {
    expect(endpointSeen('cloud-only', ui.placement, 'postgres', 'postgres')).toEqual({
      host: 'postgres.millwright-it.svc.cluster.local',
      port: 5432,
      remote: false,
    });
  });

  it('reaches a target on another cluster through the platform domain on 443', () => {
    const onEdge = { 'edge-only': ['edge'], hybrid: ['edge'], 'cloud-only': ['cloud'] } as const;

    expect(endpointSeen('hybrid', onEdge, 'postgres', 'postgres')).toEqual({ host: 'postgres.factory.example.com', port: 443, remote: true });
  });

  it('refuses a port the target does not serve, naming both', () => {
    expect(() => endpointSeen('hybrid', ui.placement, 'postgres', 'pg')).toThrow(
      'component probe refers to port "pg" of postgres, which has no such port',
    );
  });

  it('refuses a target that is not deployed under the topology', () => {
    expect(() => endpointSeen('cloud-only', ui.placement, 'redis-edge', 'redis')).toThrow(
      'component probe needs redis-edge, which is not deployed under topology cloud-only',
    );
  });

  it('refuses a component that is not in the catalogue', () => {
    expect(() => endpointSeen('hybrid', ui.placement, 'kafka', 'broker')).toThrow('component probe refers to unknown component "kafka"');
  });
});
