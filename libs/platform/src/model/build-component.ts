import { applySecureDefaults } from '../kube/secure-defaults.ts';
import { egressPolicy, ingressPolicy, type FlowGraph } from '../kube/network-policies.ts';
import { ingressObjects } from '../kube/ingress.ts';
import { toPlain, type KubeObject } from '../kube/kube-object.ts';
import { activeTcpRoute } from '../kube/tcp-ingress.ts';
import { crossClusterHost } from './cross-cluster-host.ts';
import { clustersFor, isColocated, isDeployed } from './placement.ts';
import type { BuildContext, Cluster, ComponentDefinition, Endpoint, ImageRef, Plane, Platform, PodSecurityExemption } from './types.ts';

/** The namespace of a plane: `<platform>-<plane>`. */
export function planeNamespace(platform: Platform, plane: Plane): string {
  return `${platform.name}-${plane}`;
}

/**
 * Where a component runs: its plane's namespace, or `<platform>-<component>` for a component
 * that declares a Pod Security exception, so the weaker level covers its pods and nobody else's.
 */
export function componentNamespace(platform: Platform, definition: ComponentDefinition): string {
  return definition.podSecurityException ? `${platform.name}-${definition.name}` : planeNamespace(platform, definition.plane);
}

/** The deployed components that declare a Pod Security exception, with their namespaces and clusters. */
export function podSecurityExemptions(platform: Platform, catalogue: readonly ComponentDefinition[]): PodSecurityExemption[] {
  return catalogue.flatMap((definition) => {
    const exception = definition.podSecurityException;
    if (!exception || !isDeployed(platform, definition)) return [];
    return [
      {
        ...exception,
        component: definition.name,
        namespace: componentNamespace(platform, definition),
        plane: definition.plane,
        clusters: clustersFor(platform, definition).map((cluster) => cluster.name),
      },
    ];
  });
}

/** `<registry>/millwright-<app>`: where CI pushes the image of one of the platform's own apps. */
export function ownImageRepository(platform: Platform, app: string): string {
  return `${platform.images.registry}/millwright-${app}`;
}

/**
 * The image of one of the platform's own apps: `<registry>/millwright-<app>:<images.tag>`, or,
 * once CI has promoted it, the pinned tag and digest from `platform.images.json`.
 */
export function ownImage(platform: Platform, app: string): ImageRef {
  const pin = platform.imagePins[app];
  const repository = ownImageRepository(platform, app);
  return pin ? { repository, tag: pin.tag, digest: pin.digest } : { repository, tag: platform.images.tag };
}

/** A component resolved against the platform: where it runs and its hardened base objects. */
export interface ResolvedComponent {
  readonly definition: ComponentDefinition;
  readonly namespace: string;
  readonly clusters: readonly Cluster[];
  /** Base objects: built, secured, with the ingress NetworkPolicy; the same on every cluster. */
  readonly objects: readonly KubeObject[];
  /** Objects that differ per cluster (the egress NetworkPolicy, `buildForCluster`), by cluster name. */
  readonly clusterObjects: Readonly<Record<string, readonly KubeObject[]>>;
  /** The Helm chart's values per cluster name, when the component deploys a chart. */
  readonly helmValues?: Readonly<Record<string, Record<string, unknown>>>;
  /** Namespaces besides the component's that its chart writes into. */
  readonly helmNamespaces?: readonly string[];
}

function lookup(catalogue: readonly ComponentDefinition[], name: string, asker: string): ComponentDefinition {
  const found = catalogue.find((c) => c.name === name);
  if (!found) throw new Error(`component ${asker} refers to unknown component "${name}"`);
  return found;
}

/** What a component's `build` receives; also used to resolve a component's settings outside the tree (the Airflow DAGs). */
export function buildContext(platform: Platform, catalogue: readonly ComponentDefinition[], definition: ComponentDefinition): BuildContext {
  const namespaceOf = (plane: Plane) => planeNamespace(platform, plane);
  return {
    platform,
    component: definition.name,
    settings: platform.components[definition.name] ?? { enabled: true },
    namespace: componentNamespace(platform, definition),
    namespaceOf,
    podSecurityExemptions: podSecurityExemptions(platform, catalogue),
    isDeployed: (name) => isDeployed(platform, lookup(catalogue, name, definition.name)),
    ownImage: (app) => ownImage(platform, app),
    endpoint: (name, portName): Endpoint => {
      const target = lookup(catalogue, name, definition.name);
      const port = target.ports.find((p) => p.name === portName);
      if (!port) throw new Error(`component ${definition.name} refers to port "${portName}" of ${name}, which has no such port`);
      if (!isDeployed(platform, target)) {
        throw new Error(`component ${definition.name} needs ${name}, which is not deployed under topology ${platform.topology}`);
      }
      if (isColocated(platform, definition, target)) {
        return { host: `${name}.${componentNamespace(platform, target)}.svc.cluster.local`, port: port.port, remote: false };
      }
      return { host: crossClusterHost(platform, name), port: 443, remote: true };
    },
  };
}

/** Builds one component for the platform: objects, secure defaults, network policies. */
export function buildComponent(platform: Platform, catalogue: readonly ComponentDefinition[], definition: ComponentDefinition): ResolvedComponent {
  const context = buildContext(platform, catalogue, definition);
  const graph: FlowGraph = { platform, catalogue, namespaceOf: (c) => componentNamespace(platform, c) };
  const routes = ingressObjects(context, definition, activeTcpRoute(graph, definition));
  const built = [...definition.build(context), ...routes].map((object) => toPlain(object));
  const ingress = ingressPolicy(graph, definition);
  const objects = applySecureDefaults(definition.name, ingress ? [...built, ingress] : built);
  const clusters = clustersFor(platform, definition);
  const clusterObjects: Record<string, KubeObject[]> = {};
  for (const cluster of clusters) {
    const egress = egressPolicy(graph, definition, cluster);
    const own = applySecureDefaults(definition.name, (definition.buildForCluster?.(context, cluster) ?? []).map((object) => toPlain(object)));
    clusterObjects[cluster.name] = [...own, ...(egress ? [egress] : [])];
  }
  const helm = definition.helm;
  return {
    definition,
    namespace: context.namespace,
    clusters,
    objects,
    clusterObjects,
    ...(helm && {
      helmValues: Object.fromEntries(clusters.map((cluster) => [cluster.name, toPlain(helm.values(context, cluster))])),
      helmNamespaces: [...(helm.extraNamespaces?.(context) ?? [])],
    }),
  };
}

/** Every deployed component of the platform, built, in catalogue order. */
export function buildPlatform(platform: Platform, catalogue: readonly ComponentDefinition[]): ResolvedComponent[] {
  return catalogue.filter((c) => isDeployed(platform, c)).map((c) => buildComponent(platform, catalogue, c));
}
