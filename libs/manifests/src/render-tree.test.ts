import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogue, names, resolvePlatform, type KubeObject, type PlatformConfig } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { parseYamlFile, renderTree, validateRenderedTree, type OutputFile } from '@millwright/manifests';

const scaled = ['inference-api', 'mlflow', 'ui'] as const;
const stored = ['postgres', 'minio'] as const;

/** Extra Fleet labels a user might put on a cluster; keys clear of the millwright.io/ ones. */
const clusterLabels = fc.dictionary(
  fc.constantFrom('site', 'line', 'zone', 'example.com/tier'),
  fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,6}[a-z0-9])?$/),
  { maxKeys: 3 },
);

/** A valid platform config: any topology, some replicas and storage sizes set, extra cluster labels. */
const validConfig: fc.Arbitrary<PlatformConfig> = fc
  .record({
    topology: fc.constantFrom(...allTopologies),
    replicas: fc.record(Object.fromEntries(scaled.map((name) => [name, fc.integer({ min: 1, max: 4 })])), { requiredKeys: [] }),
    storage: fc.record(Object.fromEntries(stored.map((name) => [name, fc.integer({ min: 5, max: 50 }).map((gi) => `${gi}Gi`)])), {
      requiredKeys: [],
    }),
    labels: fc.tuple(clusterLabels, clusterLabels),
  })
  .map(({ topology, replicas, storage, labels }) => {
    const config = sampleConfig(topology);
    const components: Record<string, { replicas?: number; storage?: string }> = {};
    for (const [name, count] of Object.entries(replicas)) components[name] = { replicas: count };
    for (const [name, size] of Object.entries(storage)) components[name] = { storage: size };
    config.clusters.forEach((cluster, index) => (cluster.labels = { ...cluster.labels, ...labels[index] }));
    return { ...config, components };
  });

const render = (config: PlatformConfig) => renderTree(resolvePlatform(config, catalogue), catalogue);
const runs = { numRuns: 25 };

function objectAt(files: readonly OutputFile[], path: string): KubeObject | undefined {
  const file = files.find((f) => f.path === path);
  return file && (parseYamlFile(file).documents[0] as KubeObject);
}

describe('renderTree, for every valid config', () => {
  it('renders the same paths and the same bytes twice', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        expect(render(structuredClone(config)).files).toEqual(render(config).files);
      }),
      runs,
    );
  });

  it('never gives two files one path, and lists them sorted', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const paths = render(config).files.map((f) => f.path);
        expect(new Set(paths).size).toBe(paths.length);
        expect(paths).toEqual([...paths].sort());
      }),
      runs,
    );
  });

  it('starts every file with the banner and ends it with one line feed, with no carriage return', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        for (const file of render(config).files) {
          expect(file.content.startsWith(`${names.banner}\n`), file.path).toBe(true);
          expect(file.content.endsWith('\n') && !file.content.endsWith('\n\n'), file.path).toBe(true);
          expect(file.content.includes('\r'), file.path).toBe(false);
        }
      }),
      runs,
    );
  });

  it('renders a tree in which validateRenderedTree finds no problem', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        expect(validateRenderedTree(render(config).files)).toEqual([]);
      }),
      runs,
    );
  });

  it('renders the replicas and storage sizes the config asks for', () => {
    fc.assert(
      fc.property(validConfig, (config) => {
        const { files } = render(config);
        for (const name of scaled) {
          const wanted = config.components?.[name]?.replicas;
          const deployment = objectAt(files, `k8s/${name}/base/deployment-${name}.yaml`) as { spec: { replicas: number } } | undefined;
          if (wanted !== undefined) expect(deployment?.spec.replicas, name).toBe(wanted);
        }
        for (const name of stored) {
          const wanted = config.components?.[name]?.storage;
          const statefulSet = objectAt(files, `k8s/${name}/base/statefulset-${name}.yaml`) as
            | { spec: { volumeClaimTemplates: { spec: { resources: { requests: { storage: string } } } }[] } }
            | undefined;
          if (wanted !== undefined) expect(statefulSet?.spec.volumeClaimTemplates[0]?.spec.resources.requests.storage, name).toBe(wanted);
        }
      }),
      runs,
    );
  });
});

describe('renderTree', () => {
  it.each(allTopologies)('returns the components it rendered a bundle for under %s', (topology) => {
    const { files, components } = render(sampleConfig(topology));
    const bundles = files.filter((f) => /^k8s\/[^/]+\/fleet\.yaml$/.test(f.path)).map((f) => f.path.split('/')[1]);
    expect(bundles.sort()).toEqual(components.map((c) => c.definition.name).sort());
  });

  it.each(allTopologies)('renders a chart bundle beside the bundle of each component with a Helm chart under %s', (topology) => {
    const { files, components } = render(sampleConfig(topology));
    const charts = files.filter((f) => f.path.endsWith(`/chart/${names.fleetBundleFile}`)).map((f) => f.path.split('/')[1]);
    expect(charts.sort()).toEqual(components.filter((c) => c.definition.helm).map((c) => c.definition.name).sort());
  });

  it('leaves out a component the topology does not place', () => {
    const paths = render(sampleConfig('cloud-only')).files.map((f) => f.path);
    expect(paths.filter((path) => path.startsWith('k8s/redis-edge/'))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('k8s/redis-cloud/'))).not.toEqual([]);
  });
});
