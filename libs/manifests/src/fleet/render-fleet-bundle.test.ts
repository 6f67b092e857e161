import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { fleetClusterLabels, parseYamlFile, renderTree, validateFleetBundle, type OutputFile } from '@millwright/manifests';

interface Target {
  name: string;
  clusterSelector: { matchLabels?: Record<string, string> };
  kustomize?: { dir: string };
  doNotDeploy?: boolean;
}

interface FleetBundle {
  name: string;
  labels: Record<string, string>;
  defaultNamespace: string;
  dependsOn?: { selector: { matchLabels: Record<string, string> } }[];
  correctDrift: { enabled: boolean };
  targetCustomizations: Target[];
}

const bundleOf = (files: readonly OutputFile[], component: string) => {
  const file = files.find((f) => f.path === `k8s/${component}/fleet.yaml`);
  if (!file) throw new Error(`the tree has no fleet.yaml for ${component}`);
  return parseYamlFile(file).documents[0] as FleetBundle;
};

/** The components a bundle waits for, read from its dependsOn selectors. */
const dependencies = (bundle: FleetBundle) => (bundle.dependsOn ?? []).map((d) => d.selector.matchLabels['millwright.io/component']);

describe.each(allTopologies)('every fleet.yaml under %s', (topology) => {
  const platform = resolvePlatform(sampleConfig(topology), catalogue);
  const { files, components } = renderTree(platform, catalogue);

  it.each(components.map((c) => c.definition.name))('%s passes the Fleet fleet.yaml schema', (name) => {
    expect(validateFleetBundle(bundleOf(files, name))).toEqual([]);
  });

  it('names each bundle, labels it, and corrects drift', () => {
    for (const component of components) {
      const bundle = bundleOf(files, component.definition.name);
      expect(bundle.name).toBe(`millwright-${component.definition.name}`);
      expect(bundle.labels).toEqual({
        'app.kubernetes.io/part-of': 'millwright',
        'millwright.io/component': component.definition.name,
        'millwright.io/plane': component.definition.plane,
      });
      expect(bundle.defaultNamespace).toBe(component.namespace);
      expect(bundle.correctDrift).toEqual({ enabled: true });
    }
  });

  it("chooses each cluster's overlay by that cluster's labels", () => {
    for (const component of components) {
      const targets = bundleOf(files, component.definition.name).targetCustomizations.filter((t) => t.kustomize);
      expect(targets).toEqual(
        component.clusters.map((cluster) => ({
          name: cluster.name,
          clusterSelector: { matchLabels: fleetClusterLabels(cluster) },
          kustomize: { dir: `overlays/${cluster.name}` },
        })),
      );
    }
  });

  it('ends every bundle with a catch-all that deploys nothing', () => {
    for (const component of components) {
      expect(bundleOf(files, component.definition.name).targetCustomizations.at(-1)).toEqual({
        name: 'other-clusters',
        clusterSelector: {},
        doNotDeploy: true,
      });
    }
  });

  it('depends only on bundles that exist in the tree, selected by their labels', () => {
    const chartBundles = files.filter((f) => f.path.endsWith('/chart/fleet.yaml')).map((f) => (parseYamlFile(f).documents[0] as FleetBundle).labels);
    const labels = [...components.map((c) => bundleOf(files, c.definition.name).labels), ...chartBundles];
    for (const component of components) {
      for (const { selector } of bundleOf(files, component.definition.name).dependsOn ?? []) {
        const matches = labels.filter((l) => Object.entries(selector.matchLabels).every(([key, value]) => l[key] === value));
        expect(matches, `${component.definition.name} -> ${JSON.stringify(selector)}`).toHaveLength(1);
      }
    }
  });
});

describe('fleet.yaml in the hybrid tree', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);

  it('selects edge-1 by its cluster name, its role and the site label from the config', () => {
    expect(bundleOf(files, 'inference-api').targetCustomizations[0]).toEqual({
      name: 'edge-1',
      clusterSelector: { matchLabels: { 'millwright.io/cluster': 'edge-1', 'millwright.io/role': 'edge', site: 'plant-a' } },
      kustomize: { dir: 'overlays/edge-1' },
    });
  });

  it('keeps inference-api off cloud clusters and mlflow off edge clusters', () => {
    expect(bundleOf(files, 'inference-api').targetCustomizations.filter((t) => t.doNotDeploy && t.name !== 'other-clusters')).toEqual([
      { name: 'not-on-cloud', clusterSelector: { matchLabels: { 'millwright.io/role': 'cloud' } }, doNotDeploy: true },
    ]);
    expect(bundleOf(files, 'mlflow').targetCustomizations.filter((t) => t.doNotDeploy && t.name !== 'other-clusters')).toEqual([
      { name: 'not-on-edge', clusterSelector: { matchLabels: { 'millwright.io/role': 'edge' } }, doNotDeploy: true },
    ]);
  });

  it('keeps nothing off any role for the namespaces, which run everywhere', () => {
    expect(bundleOf(files, 'namespaces').targetCustomizations.map((t) => t.name)).toEqual(['edge-1', 'core', 'other-clusters']);
  });

  it('makes mlflow wait for postgres and minio, which run beside it on the cloud', () => {
    expect(bundleOf(files, 'mlflow').dependsOn).toEqual([
      { selector: { matchLabels: { 'app.kubernetes.io/part-of': 'millwright', 'millwright.io/component': 'postgres' } } },
      { selector: { matchLabels: { 'app.kubernetes.io/part-of': 'millwright', 'millwright.io/component': 'minio' } } },
    ]);
  });

  it('does not make inference-api on the edge wait for mlflow or postgres, which run on the cloud', () => {
    expect(dependencies(bundleOf(files, 'inference-api'))).toEqual(['namespaces']);
  });

  it('writes no dependsOn for the namespaces, which depend on nothing', () => {
    expect(bundleOf(files, 'namespaces')).not.toHaveProperty('dependsOn');
  });
});

describe('fleet.yaml in the cloud-only tree', () => {
  it('makes inference-api wait for every dependency, since all run on the one cloud cluster', () => {
    const { files } = renderTree(resolvePlatform(sampleConfig('cloud-only'), catalogue), catalogue);
    expect(dependencies(bundleOf(files, 'inference-api'))).toEqual(['namespaces', 'postgres', 'mlflow']);
  });
});

describe('fleetClusterLabels', () => {
  it('gives a cluster its name and role labels plus the labels the config adds', () => {
    const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
    expect(platform.clusters.map(fleetClusterLabels)).toEqual([
      { 'millwright.io/cluster': 'edge-1', 'millwright.io/role': 'edge', site: 'plant-a' },
      { 'millwright.io/cluster': 'core', 'millwright.io/role': 'cloud' },
    ]);
  });
});
