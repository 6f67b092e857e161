import {
  names,
  overlayDir,
  planeNamespace,
  planes,
  syncWaveOrder,
  type Cluster,
  type KubeObject,
  type Plane,
  type Platform,
  type ResolvedComponent,
} from '@millwright/platform';
import type { OutputFile } from '../output-file.ts';
import { toYaml } from '../yaml.ts';
import { applicationHealthKey, applicationHealthLua } from './health-check.ts';

const apiVersion = 'argoproj.io/v1alpha1';

/** `<platform>-<plane>`: the AppProject of a plane. The `default` project is never used. */
export function projectName(platform: Platform, plane: Plane | 'bootstrap'): string {
  return `${platform.name}-${plane}`;
}

/** `<component>-<cluster>`: one Application per component per cluster. */
export function applicationName(component: string, cluster: string): string {
  return `${component}-${cluster}`;
}

function groupKind(object: KubeObject): { group: string; kind: string } {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0]! : '';
  return { group, kind: object.kind };
}

function uniqueKinds(objects: readonly KubeObject[]): { group: string; kind: string }[] {
  const seen = new Map<string, { group: string; kind: string }>();
  for (const object of objects) {
    const gk = groupKind(object);
    seen.set(`${gk.group}/${gk.kind}`, gk);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, gk]) => gk);
}

function destination(cluster: Cluster, namespace: string) {
  return 'server' in cluster.destination ? { server: cluster.destination.server, namespace } : { name: cluster.destination.name, namespace };
}

/**
 * One AppProject per plane with least privilege: only this repository as a source, only the
 * plane's namespace on the clusters that run its components, and only the kinds they render.
 */
function renderProject(platform: Platform, plane: Plane, components: readonly ResolvedComponent[]): object | undefined {
  const members = components.filter((c) => c.definition.plane === plane);
  if (members.length === 0) return undefined;
  const objects = members.flatMap((c) => [...c.objects, ...Object.values(c.clusterObjects).flat()]);
  const clusters = platform.clusters.filter((cluster) => members.some((c) => c.clusters.includes(cluster)));
  // Every namespace the plane's objects live in (the namespaces component writes policies into
  // each plane's namespace), so Argo CD permits each of them, and nothing else.
  const namespaces = [...new Set([planeNamespace(platform, plane), ...objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : []))])].sort();
  const clusterScoped = uniqueKinds(objects.filter((o) => !o.metadata.namespace));
  return {
    apiVersion,
    kind: 'AppProject',
    metadata: {
      name: projectName(platform, plane),
      namespace: names.argoCdNamespace,
      labels: { [names.labels.partOf]: platform.name, [names.labels.millwrightPlane]: plane },
      // Projects exist before the Applications that name them.
      annotations: { [names.annotations.syncWave]: '-1' },
    },
    spec: {
      description: `Millwright ${plane} plane: ${members.map((m) => m.definition.name).join(', ')}`,
      sourceRepos: [platform.git.repoURL],
      destinations: clusters.flatMap((cluster) => namespaces.map((namespace) => destination(cluster, namespace))),
      clusterResourceWhitelist: clusterScoped,
      namespaceResourceWhitelist: uniqueKinds(objects.filter((o) => o.metadata.namespace)),
      orphanedResources: { warn: true },
    },
  };
}

function renderApplication(platform: Platform, component: ResolvedComponent, cluster: Cluster): object {
  const definition = component.definition;
  return {
    apiVersion,
    kind: 'Application',
    metadata: {
      name: applicationName(definition.name, cluster.name),
      namespace: names.argoCdNamespace,
      labels: {
        [names.labels.partOf]: platform.name,
        [names.labels.millwrightComponent]: definition.name,
        [names.labels.millwrightPlane]: definition.plane,
        [names.labels.cluster]: cluster.name,
      },
      annotations: { [names.annotations.syncWave]: String(syncWaveOrder[definition.wave]) },
      // Deleting the Application deletes what it deployed, instead of orphaning it.
      finalizers: [names.argoCdResourcesFinalizer],
    },
    spec: {
      project: projectName(platform, definition.plane),
      source: { repoURL: platform.git.repoURL, targetRevision: platform.git.revision, path: overlayDir(definition.name, cluster.name) },
      destination: destination(cluster, component.namespace),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true'],
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
      },
    },
  };
}

/**
 * `bootstrap/`: `root.yaml` (the bootstrap AppProject and the root app of apps, applied once by
 * hand), the plane AppProjects and one Application per component per cluster under `children/`,
 * and the argocd-cm patch with the Application health check that makes sync waves wait.
 */
export function renderArgoCd(platform: Platform, components: readonly ResolvedComponent[]): OutputFile[] {
  const bootstrapProject = {
    apiVersion,
    kind: 'AppProject',
    metadata: { name: projectName(platform, 'bootstrap'), namespace: names.argoCdNamespace, labels: { [names.labels.partOf]: platform.name } },
    spec: {
      description: 'Millwright app of apps: the plane projects and their Applications, nothing else',
      sourceRepos: [platform.git.repoURL],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: names.argoCdNamespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
      ],
    },
  };
  const root = {
    apiVersion,
    kind: 'Application',
    metadata: {
      name: platform.name,
      namespace: names.argoCdNamespace,
      labels: { [names.labels.partOf]: platform.name },
      finalizers: [names.argoCdResourcesFinalizer],
    },
    spec: {
      project: projectName(platform, 'bootstrap'),
      source: {
        repoURL: platform.git.repoURL,
        targetRevision: platform.git.revision,
        path: names.bootstrapChildren,
        directory: { recurse: true },
      },
      destination: { server: 'https://kubernetes.default.svc', namespace: names.argoCdNamespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  };
  const healthPatch = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argocd-cm', namespace: names.argoCdNamespace },
    data: { [applicationHealthKey]: applicationHealthLua },
  };
  const projects = planes
    .map((plane) => [plane, renderProject(platform, plane, components)] as const)
    .filter((entry): entry is readonly [Plane, object] => entry[1] !== undefined)
    .map(([plane, project]) => ({ path: `${names.bootstrapChildren}/projects/${plane}.yaml`, content: toYaml([project]) }));
  const applications = components.flatMap((component) =>
    component.clusters.map((cluster) => ({
      path: `${names.bootstrapChildren}/applications/${cluster.name}/${component.definition.name}.yaml`,
      content: toYaml([renderApplication(platform, component, cluster)]),
    })),
  );
  return [
    { path: names.bootstrapRootApp, content: toYaml([bootstrapProject, root]) },
    { path: names.bootstrapArgoCdConfigPatch, content: toYaml([healthPatch]) },
    ...projects,
    ...applications,
  ];
}
