import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { renderBundle, renderTree } from '@millwright/manifests';

/** The clusters that have an overlay of the component, read from the rendered paths. */
function overlayClusters(paths: readonly string[], component: string): string[] {
  const pattern = new RegExp(`^k8s/${component}/overlays/([^/]+)/kustomization\\.yaml$`);
  return paths.flatMap((path) => pattern.exec(path)?.[1] ?? []).sort();
}

describe.each(allTopologies)('the bundle layout under %s', (topology) => {
  const platform = resolvePlatform(sampleConfig(topology), catalogue);
  const { files, components } = renderTree(platform, catalogue);
  const paths = files.map((f) => f.path);

  it.each(components.map((c) => c.definition.name))('gives %s a base kustomization and a fleet.yaml', (name) => {
    expect(paths).toContain(`k8s/${name}/base/kustomization.yaml`);
    expect(paths).toContain(`k8s/${name}/fleet.yaml`);
  });

  it('gives every component an overlay for exactly the clusters it runs on', () => {
    for (const component of components) {
      expect(overlayClusters(paths, component.definition.name), component.definition.name).toEqual(
        component.clusters.map((cluster) => cluster.name).sort(),
      );
    }
  });

  it('puts every file under k8s/ inside the bundle of a deployed component, in base/, overlays/, fleet.yaml or chart/fleet.yaml', () => {
    const deployed = new Set(components.map((c) => c.definition.name));
    for (const path of paths.filter((p) => p.startsWith('k8s/'))) {
      const [, component, rest] = /^k8s\/([^/]+)\/(.+)$/.exec(path) ?? [];
      expect(deployed.has(component!), path).toBe(true);
      expect(rest, path).toMatch(/^(base\/[^/]+\.yaml|overlays\/[^/]+\/(patches\/)?[^/]+\.yaml|fleet\.yaml|chart\/fleet\.yaml)$/);
      if (rest === 'chart/fleet.yaml') expect(components.find((c) => c.definition.name === component)?.definition.helm, path).toBeDefined();
    }
  });

  it('renders each bundle on its own exactly as it stands in the tree', () => {
    for (const component of components) {
      for (const file of renderBundle(platform, component, catalogue)) {
        expect(files.find((f) => f.path === file.path)?.content, file.path).toBe(file.content);
      }
    }
  });
});

describe('the hybrid bundle layout', () => {
  const { files } = renderTree(resolvePlatform(sampleConfig('hybrid'), catalogue), catalogue);
  const paths = files.map((f) => f.path);

  it('puts the edge apps on edge-1, the stores and services on core, and the namespaces on both', () => {
    expect(overlayClusters(paths, 'inference-api')).toEqual(['edge-1']);
    expect(overlayClusters(paths, 'redis-edge')).toEqual(['edge-1']);
    expect(overlayClusters(paths, 'postgres')).toEqual(['core']);
    expect(overlayClusters(paths, 'mlflow')).toEqual(['core']);
    expect(overlayClusters(paths, 'ui')).toEqual(['core']);
    expect(overlayClusters(paths, 'namespaces')).toEqual(['core', 'edge-1']);
  });

  it('lists the bundle of inference-api file by file', () => {
    expect(paths.filter((path) => path.startsWith('k8s/inference-api/'))).toEqual([
      'k8s/inference-api/base/deployment-inference-api.yaml',
      'k8s/inference-api/base/ingress-api.yaml',
      'k8s/inference-api/base/ingress-inference-api.yaml',
      'k8s/inference-api/base/kustomization.yaml',
      'k8s/inference-api/base/middleware-inference-api-basic-auth.yaml',
      'k8s/inference-api/base/networkpolicy-inference-api-from-ingress.yaml',
      'k8s/inference-api/base/networkpolicy-inference-api-ingress.yaml',
      'k8s/inference-api/base/poddisruptionbudget-inference-api.yaml',
      'k8s/inference-api/base/service-inference-api.yaml',
      'k8s/inference-api/base/servicemonitor-inference-api.yaml',
      'k8s/inference-api/fleet.yaml',
      'k8s/inference-api/overlays/edge-1/kustomization.yaml',
      'k8s/inference-api/overlays/edge-1/networkpolicy-inference-api-egress.yaml',
      'k8s/inference-api/overlays/edge-1/patches/deployment-inference-api.yaml',
    ]);
  });
});
