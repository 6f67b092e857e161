import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform, type Cluster, type KubeObject, type PlatformConfig, type ResolvedComponent } from '@millwright/platform';
import { allTopologies, sampleConfig } from '@millwright/platform/testing';
import { parseYamlFile, renderTree, type OutputFile } from '@millwright/manifests';
import { renderOverlay } from './render-overlay.ts';

interface Kustomization {
  resources: string[];
  labels: { pairs: Record<string, string>; includeSelectors: boolean }[];
  patches?: { path: string }[];
}

interface PodPatch {
  nodeSelector: Record<string, string>;
  containers?: { name: string; resources: unknown }[];
  initContainers?: { name: string; resources: unknown }[];
}

const documentOf = (files: readonly OutputFile[], path: string): unknown => {
  const file = files.find((f) => f.path === path);
  if (!file) throw new Error(`the tree has no ${path}`);
  return parseYamlFile(file).documents[0];
};

const podPatch = (files: readonly OutputFile[], path: string) => (documentOf(files, path) as { spec: { template: { spec: PodPatch } } }).spec.template.spec;

const render = (config: PlatformConfig) => renderTree(resolvePlatform(config, catalogue), catalogue).files;

describe.each(allTopologies)('every overlay under %s', (topology) => {
  const { files, components } = renderTree(resolvePlatform(sampleConfig(topology), catalogue), catalogue);
  const overlays = components.flatMap((c) => c.clusters.map((cluster) => `k8s/${c.definition.name}/overlays/${cluster.name}`));

  it.each(overlays)('%s reads ../../base and otherwise only files of its own directory', (dir) => {
    const kustomization = documentOf(files, `${dir}/kustomization.yaml`) as Kustomization;
    const [base, ...own] = kustomization.resources;
    expect(base).toBe('../../base');
    for (const entry of [...own, ...(kustomization.patches ?? []).map((p) => p.path)]) {
      expect(entry.split('/'), entry).not.toContain('..');
      expect(files.some((f) => f.path === `${dir}/${entry}`), entry).toBe(true);
    }
  });

  it.each(overlays)('%s labels what it deploys with its cluster, leaving selectors alone', (dir) => {
    const cluster = dir.split('/').at(-1)!;
    expect((documentOf(files, `${dir}/kustomization.yaml`) as Kustomization).labels).toEqual([
      { pairs: { 'millwright.io/cluster': cluster }, includeSelectors: false },
    ]);
  });

  it('patches exactly the workloads of the base, one patch each', () => {
    for (const component of components) {
      const workloads = component.objects.filter((o) => ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'].includes(o.kind));
      for (const cluster of component.clusters) {
        const dir = `k8s/${component.definition.name}/overlays/${cluster.name}`;
        const patches = (documentOf(files, `${dir}/kustomization.yaml`) as Kustomization).patches ?? [];
        expect(patches.length, dir).toBe(workloads.length);
      }
    }
  });
});

describe('the placement patch on an edge cluster', () => {
  const files = render(sampleConfig('hybrid'));

  it('pins inference-api to arm64 nodes and applies its edge resource sizes', () => {
    expect(podPatch(files, 'k8s/inference-api/overlays/edge-1/patches/deployment-inference-api.yaml')).toEqual({
      nodeSelector: { 'kubernetes.io/arch': 'arm64' },
      containers: [{ name: 'inference-api', resources: { requests: { cpu: '200m', memory: '192Mi' }, limits: { cpu: '1500m', memory: '512Mi' } } }],
    });
  });

  it('names the workload it patches by kind, name and namespace', () => {
    expect(documentOf(files, 'k8s/inference-api/overlays/edge-1/patches/deployment-inference-api.yaml')).toMatchObject({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'inference-api', namespace: 'millwright-ot' },
    });
  });

  it('adds the node labels the cluster config names beside the architecture', () => {
    const config = sampleConfig('hybrid');
    config.clusters.find((c) => c.role === 'edge')!.nodeSelector = { 'node.example.com/pool': 'line-3' };
    const patch = podPatch(render(config), 'k8s/redis-edge/overlays/edge-1/patches/deployment-redis-edge.yaml');
    expect(patch.nodeSelector).toEqual({ 'kubernetes.io/arch': 'arm64', 'node.example.com/pool': 'line-3' });
  });

  it('resizes only the containers that declare edge sizes', () => {
    const edgeOnly = render(sampleConfig('edge-only'));
    expect(podPatch(edgeOnly, 'k8s/minio/overlays/edge-1/patches/statefulset-minio.yaml').containers).toEqual([
      { name: 'minio', resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
    ]);
    // The bucket Job's mc container and the ui declare no edge sizes: only the node selector.
    expect(podPatch(edgeOnly, 'k8s/minio/overlays/edge-1/patches/job-minio-buckets.yaml')).toEqual({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } });
    expect(podPatch(edgeOnly, 'k8s/ui/overlays/edge-1/patches/deployment-ui.yaml')).toEqual({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } });
  });
});

describe('the placement patch on a cloud cluster', () => {
  it('pins mlflow to amd64 nodes and keeps its base sizes, though mlflow declares edge sizes', () => {
    expect(podPatch(render(sampleConfig('hybrid')), 'k8s/mlflow/overlays/core/patches/deployment-mlflow.yaml')).toEqual({
      nodeSelector: { 'kubernetes.io/arch': 'amd64' },
    });
  });

  it('applies no edge size anywhere in a cloud-only tree', () => {
    const files = render(sampleConfig('cloud-only'));
    for (const file of files.filter((f) => f.path.includes('/patches/'))) {
      expect(parseYamlFile(file).documents[0], file.path).not.toHaveProperty('spec.template.spec.containers');
    }
  });
});

describe('renderOverlay', () => {
  const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
  const edge = platform.clusters.find((c) => c.role === 'edge')!;
  const small = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } };
  const mlflow = catalogue.find((c) => c.name === 'mlflow')!;

  function component(objects: KubeObject[], cluster: Cluster): ResolvedComponent {
    return {
      definition: { ...mlflow, name: 'reports', edgeResources: { report: small, migrate: small } },
      namespace: 'millwright-it',
      clusters: [cluster],
      objects,
      clusterObjects: {},
    };
  }

  const cronJob: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly-report', namespace: 'millwright-it' },
    spec: {
      schedule: '0 2 * * *',
      jobTemplate: {
        spec: { template: { spec: { initContainers: [{ name: 'migrate' }], containers: [{ name: 'report' }, { name: 'upload' }] } } },
      },
    },
  };

  it('patches the pod of a CronJob under spec.jobTemplate, init containers included', () => {
    const files = renderOverlay(component([cronJob], edge), edge);
    expect(documentOf(files, 'k8s/reports/overlays/edge-1/patches/cronjob-nightly-report.yaml')).toEqual({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'nightly-report', namespace: 'millwright-it' },
      spec: {
        jobTemplate: {
          spec: {
            template: {
              spec: {
                nodeSelector: { 'kubernetes.io/arch': 'arm64' },
                initContainers: [{ name: 'migrate', resources: small }],
                containers: [{ name: 'report', resources: small }],
              },
            },
          },
        },
      },
    });
  });

  it('writes no patch and no patches list for a component without workloads', () => {
    const configMap: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'millwright-it' }, data: {} };
    const files = renderOverlay(component([configMap], edge), edge);
    expect(files.map((f) => f.path)).toEqual(['k8s/reports/overlays/edge-1/kustomization.yaml']);
    expect(documentOf(files, 'k8s/reports/overlays/edge-1/kustomization.yaml')).not.toHaveProperty('patches');
  });
});
