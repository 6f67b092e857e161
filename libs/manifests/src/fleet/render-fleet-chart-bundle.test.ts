import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { fleetClusterLabels, parseYamlFile, renderTree, validateFleetBundle, type OutputFile } from '@millwright/manifests';

interface ChartBundle {
  name: string;
  labels: Record<string, string>;
  defaultNamespace: string;
  helm: { repo: string; chart: string; version: string; releaseName: string; disablePreProcess: boolean };
  dependsOn?: { selector: { matchLabels: Record<string, string> } }[];
  correctDrift: { enabled: boolean };
  targetCustomizations: { name: string; clusterSelector: object; helm?: { values: Record<string, unknown> }; doNotDeploy?: boolean }[];
}

const documentAt = (files: readonly OutputFile[], path: string) => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`the tree has no ${path}`);
  return parseYamlFile(file).documents[0];
};

describe.each(allTopologies)('the chart bundles under %s', (topology) => {
  const { files, components } = renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue);
  const charted = components.filter((c) => c.definition.helm);

  it('exist for the Helm components', () => {
    expect(charted.map((c) => c.definition.name)).toEqual(expect.arrayContaining(['kube-prometheus-stack', 'loki', 'alloy']));
  });

  it.each(charted.map((c) => [c.definition.name, c] as const))('%s: passes the Fleet fleet.yaml schema', (name) => {
    expect(validateFleetBundle(documentAt(files, `k8s/${name}/chart/fleet.yaml`))).toEqual([]);
  });

  it.each(charted.map((c) => [c.definition.name, c] as const))('%s: pins the chart and hands Helm the values untemplated', (name, component) => {
    const bundle = documentAt(files, `k8s/${name}/chart/fleet.yaml`) as ChartBundle;
    const helm = component.definition.helm!;
    expect(bundle.name).toBe(`millwright-${name}-chart`);
    expect(bundle.labels).toEqual({
      'app.kubernetes.io/part-of': 'millwright',
      'millwright.io/component': name,
      'millwright.io/plane': component.definition.plane,
      'millwright.io/bundle': 'chart',
    });
    expect(bundle.defaultNamespace).toBe(component.namespace);
    expect(bundle.helm).toEqual({ repo: helm.repoURL, chart: helm.chart, version: helm.version, releaseName: helm.releaseName, disablePreProcess: true });
    expect(bundle.correctDrift).toEqual({ enabled: true });
  });

  it.each(charted.map((c) => [c.definition.name, c] as const))("%s: gives each cluster its own generated values", (name, component) => {
    const bundle = documentAt(files, `k8s/${name}/chart/fleet.yaml`) as ChartBundle;
    const targets = bundle.targetCustomizations.filter((t) => t.helm);
    expect(targets).toEqual(
      component.clusters.map((cluster) => ({
        name: cluster.name,
        clusterSelector: { matchLabels: fleetClusterLabels(cluster) },
        helm: { values: component.helmValues![cluster.name] },
      })),
    );
    expect(bundle.targetCustomizations.at(-1)).toEqual({ name: 'other-clusters', clusterSelector: {}, doNotDeploy: true });
  });

  it.each(charted.map((c) => [c.definition.name, c] as const))('%s: makes its kustomize bundle wait for the chart, whose CRDs it may use', (name, component) => {
    const bundle = documentAt(files, `k8s/${name}/fleet.yaml`) as ChartBundle;
    expect(bundle.dependsOn).toContainEqual({
      selector: {
        matchLabels: {
          'app.kubernetes.io/part-of': 'millwright',
          'millwright.io/component': name,
          'millwright.io/plane': component.definition.plane,
          'millwright.io/bundle': 'chart',
        },
      },
    });
  });

  it('renders no chart bundle for a component without a chart', () => {
    expect(files.some((f) => f.path === 'k8s/mlflow/chart/fleet.yaml')).toBe(false);
  });
});
