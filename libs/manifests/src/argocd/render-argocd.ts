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

function uniqueKinds(objects: readonly KubeObject[], more: readonly { group: string; kind: string }[] = []): { group: string; kind: string }[] {
  const seen = new Map<string, { group: string; kind: string }>();
  for (const gk of [...objects.map(groupKind), ...more]) seen.set(`${gk.group}/${gk.kind}`, { group: gk.group, kind: gk.kind });
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, gk]) => gk);
}

function destination(cluster: Cluster, namespace: string) {
  return 'server' in cluster.destination ? { server: cluster.destination.server, namespace } : { name: cluster.destination.name, namespace };
}

/**
 * One AppProject per plane with least privilege: only this repository (and the chart
 * repositories of the plane's Helm components) as sources, only the plane's namespace on the
 * clusters that run its components, and only the kinds they render or their charts declare.
 */
function renderProject(platform: Platform, plane: Plane, components: readonly ResolvedComponent[]): object | undefined {
  const members = components.filter((c) => c.definition.plane === plane);
  if (members.length === 0) return undefined;
  const objects = members.flatMap((c) => [...c.objects, ...Object.values(c.clusterObjects).flat()]);
  const clusters = platform.clusters.filter((cluster) => members.some((c) => c.clusters.includes(cluster)));
  // Every namespace the plane's objects live in (the namespaces component writes policies into
  // each plane's namespace), so Argo CD permits each of them, and nothing else.
  const charts = members.flatMap((c) => (c.definition.helm ? [c.definition.helm] : []));
  const namespaces = [
    ...new Set([
      planeNamespace(platform, plane),
      ...objects.flatMap((o) => (o.metadata.namespace ? [o.metadata.namespace] : [])),
      ...members.flatMap((c) => c.helmNamespaces ?? []),
    ]),
  ].sort();
  const clusterScoped = uniqueKinds(
    objects.filter((o) => !o.metadata.namespace),
    charts.flatMap((chart) => chart.kinds.clusterScoped),
  );
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
      sourceRepos: [platform.git.repoURL, ...[...new Set(charts.map((chart) => chart.repoURL))].sort()],
      destinations: clusters.flatMap((cluster) => namespaces.map((namespace) => destination(cluster, namespace))),
      clusterResourceWhitelist: clusterScoped,
      namespaceResourceWhitelist: uniqueKinds(
        objects.filter((o) => o.metadata.namespace),
        charts.flatMap((chart) => chart.kinds.namespaced),
      ),
      orphanedResources: { warn: true },
    },
  };
}

/**
 * Where an Application takes its manifests from: the component's overlay, or, for a component
 * with a Helm chart, two sources (Argo CD's `sources`): the pinned chart with the cluster's
 * generated values (`helm.valuesObject`), then the overlay with the component's own objects.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/multiple_sources/
 */
function applicationSources(platform: Platform, component: ResolvedComponent, cluster: Cluster): object {
  const definition = component.definition;
  const overlay = { repoURL: platform.git.repoURL, targetRevision: platform.git.revision, path: overlayDir(definition.name, cluster.name) };
  const helm = definition.helm;
  if (!helm) return { source: overlay };
  const chart = {
    repoURL: helm.repoURL,
    chart: helm.chart,
    targetRevision: helm.version,
    helm: { releaseName: helm.releaseName, valuesObject: component.helmValues?.[cluster.name] ?? {} },
  };
  return { sources: [chart, overlay] };
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
      ...applicationSources(platform, component, cluster),
      destination: destination(cluster, component.namespace),
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        // Charts bring CRDs too large for client-side apply's last-applied annotation
        // (kube-prometheus-stack documents the ServerSideApply requirement since 91.2.2).
        syncOptions: ['PrunePropagationPolicy=foreground', 'PruneLast=true', ...(definition.helm ? ['ServerSideApply=true'] : [])],
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
