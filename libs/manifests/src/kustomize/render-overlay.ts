import { names, overlayDir, type Cluster, type KubeObject, type ResolvedComponent } from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';
import { objectFileName } from './file-names.ts';

interface PodSpecLike {
  containers?: { name: string }[];
  initContainers?: { name: string }[];
}

/** The path from a workload's root to its pod spec, or undefined for kinds without pods. */
function podSpecPath(kind: string): readonly string[] | undefined {
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(kind)) return ['spec', 'template', 'spec'];
  if (kind === 'CronJob') return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
  return undefined;
}

function dig(object: KubeObject, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], object);
}

function nest(path: readonly string[], leaf: Record<string, unknown>): Record<string, unknown> {
  return path.reduceRight<Record<string, unknown>>((inner, key) => ({ [key]: inner }), leaf);
}

/**
 * A strategic-merge patch that pins a workload to the cluster's nodes (architecture and any
 * node labels the cluster config names) and, on edge clusters, applies the edge resource sizes.
 */
function placementPatch(component: ResolvedComponent, cluster: Cluster, workload: KubeObject): object | undefined {
  const path = podSpecPath(workload.kind);
  if (!path) return undefined;
  const pod = dig(workload, path) as PodSpecLike | undefined;
  const edgeSizes = cluster.role === 'edge' ? (component.definition.edgeResources ?? {}) : {};
  const resized = (containers: { name: string }[] | undefined) =>
    (containers ?? []).filter((c) => edgeSizes[c.name]).map((c) => ({ name: c.name, resources: edgeSizes[c.name] }));
  const containers = resized(pod?.containers);
  const initContainers = resized(pod?.initContainers);
  const podPatch = {
    nodeSelector: { [names.labels.arch]: cluster.arch, ...cluster.nodeSelector },
    ...(initContainers.length > 0 && { initContainers }),
    ...(containers.length > 0 && { containers }),
  };
  return {
    apiVersion: workload.apiVersion,
    kind: workload.kind,
    metadata: { name: workload.metadata.name, namespace: workload.metadata.namespace },
    ...nest(path, podPatch),
  };
}

/** The labels a cluster's overlay adds to every object it deploys (kustomize `labels`, selectors left alone). */
export function overlayLabels(cluster: string): Record<string, string> {
  return { [names.labels.cluster]: cluster };
}

/**
 * `k8s/<component>/overlays/<cluster>/`: the base, the cluster's own objects (egress policy),
 * a cluster label on everything, and one placement patch per workload.
 */
export function renderOverlay(component: ResolvedComponent, cluster: Cluster): OutputFile[] {
  const dir = overlayDir(component.definition.name, cluster.name);
  const ownObjects = component.clusterObjects[cluster.name] ?? [];
  const ownFiles = ownObjects.map((object) => ({ path: `${dir}/${objectFileName(object, component.namespace)}`, content: toYaml([object]) }));
  const patchFiles: OutputFile[] = [];
  for (const workload of component.objects) {
    const patch = placementPatch(component, cluster, workload);
    if (patch) patchFiles.push({ path: `${dir}/patches/${objectFileName(workload, component.namespace)}`, content: toYaml([patch]) });
  }
  const relative = (file: OutputFile) => file.path.slice(dir.length + 1);
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: [`../../${names.baseDir}`, ...ownFiles.map(relative).sort()],
    labels: [{ pairs: overlayLabels(cluster.name), includeSelectors: false }],
    ...(patchFiles.length > 0 && { patches: patchFiles.map((f) => ({ path: relative(f) })) }),
  };
  return [...ownFiles, ...patchFiles, { path: `${dir}/${names.kustomizationFile}`, content: toYaml([kustomization]) }];
}
