import { Namespace } from 'kubernetes-models/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import { everywhere } from '../model/placement.ts';
import { planes, type BuildContext, type ComponentDefinition, type Plane } from '../model/types.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { hostAgentsNamespace } from './chart-support.ts';
import { monitoringStack, prometheusAgent } from './metrics-collection.ts';

/** A namespace's default-deny NetworkPolicy: no pod receives or sends anything not allowed elsewhere. */
function defaultDeny(namespace: string, labels: Record<string, string>): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'default-deny', namespace, labels },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
}

/** A namespace's Pod Security levels: enforced (at the latest version), warned, audited. */
interface PodSecurityLevels {
  readonly enforce: string;
  readonly warn?: string;
  readonly audit: string;
  /** Why `enforce` is weaker than "restricted"; required then (policy millwright-pod-security-explained). */
  readonly reason?: string;
}

/** A Namespace with its Pod Security levels and, where it is not restricted, the reason annotation. */
function namespaceObject(name: string, labels: Record<string, string>, podSecurity: PodSecurityLevels): Namespace {
  return new Namespace({
    metadata: {
      name,
      labels: {
        ...labels,
        [names.labels.podSecurityEnforce]: podSecurity.enforce,
        [names.labels.podSecurityEnforceVersion]: 'latest',
        ...(podSecurity.warn && { [names.labels.podSecurityWarn]: podSecurity.warn }),
        [names.labels.podSecurityAudit]: podSecurity.audit,
      },
      ...(podSecurity.reason && { annotations: { [names.annotations.podSecurityExceptionReason]: podSecurity.reason } }),
    },
  });
}

/** DNS egress to kube-dns for every pod of the namespace (the default-deny blocks it otherwise). */
function allowDns(namespace: string, labels: Record<string, string>): NetworkPolicy {
  return new NetworkPolicy({
    metadata: { name: 'allow-dns', namespace, labels },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [names.labels.namespaceName]: 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  });
}

/** A namespace of the platform's plane: the Namespace, its default-deny and its DNS egress. */
function planeNamespaceObjects(context: BuildContext, namespace: string, plane: Plane, podSecurity: PodSecurityLevels): KubeObject[] {
  const labels = {
    [names.labels.partOf]: context.platform.name,
    [names.labels.managedBy]: names.managedBy,
    [names.labels.millwrightPlane]: plane,
  };
  return [namespaceObject(namespace, labels, podSecurity), defaultDeny(namespace, labels), allowDns(namespace, labels)] as unknown as KubeObject[];
}

/** Why node-exporter's namespace cannot be restricted; shown on the namespace. */
const hostAgentsReason = "node-exporter reads the host's network, processes, /proc and /sys (hostNetwork, hostPID, hostPath)";

/**
 * The host-agents namespace (see `hostAgentsNamespace`): Pod Security "privileged", audited
 * against "restricted", default-deny, and no plane label, so the platform's admission bindings,
 * which select plane namespaces, leave node-exporter alone.
 */
function hostAgentsObjects(platform: BuildContext['platform']): KubeObject[] {
  const namespace = hostAgentsNamespace(platform);
  const labels = { [names.labels.partOf]: platform.name, [names.labels.managedBy]: names.managedBy };
  return [
    namespaceObject(namespace, labels, { enforce: 'privileged', audit: 'restricted', reason: hostAgentsReason }),
    defaultDeny(namespace, labels),
  ] as unknown as KubeObject[];
}

const restrictedEverywhere: PodSecurityLevels = { enforce: 'restricted', warn: 'restricted', audit: 'restricted' };

/**
 * One namespace per plane, enforcing Pod Security "restricted", each with a default-deny
 * NetworkPolicy (every other component opens only the flows it declares) and DNS egress; where
 * a monitoring stack runs, the host-agents namespace of node-exporter; and, on the clusters it
 * runs on, the own namespace of each component that declares a Pod Security exception (at its
 * level, audited against "restricted", labelled with its plane, the reason annotated).
 */
export const namespaces: ComponentDefinition = {
  name: 'namespaces',
  description: 'Plane namespaces with Pod Security "restricted", default-deny NetworkPolicies and DNS egress',
  plane: 'governance',
  wave: 'foundation',
  placement: everywhere,
  dependsOn: [],
  images: {},
  imageSource: 'no image',
  ports: [],
  flows: [],
  secrets: [],
  build: (context) => [
    ...planes.flatMap((plane) => planeNamespaceObjects(context, context.namespaceOf(plane), plane, restrictedEverywhere)),
    // node-exporter's namespace exists before the monitoring charts that install into it
    // (Fleet deploys a chart bundle before the component's own objects).
    ...([monitoringStack, prometheusAgent].some((name) => context.isDeployed(name)) ? hostAgentsObjects(context.platform) : []),
  ],
  // A component's own namespace only on the clusters it runs on: nowhere else is a weaker level needed.
  buildForCluster: (context, cluster) =>
    context.podSecurityExemptions
      .filter((exemption) => exemption.clusters.includes(cluster.name))
      .flatMap((exemption) =>
        planeNamespaceObjects(context, exemption.namespace, exemption.plane, {
          enforce: exemption.level,
          audit: 'restricted',
          reason: exemption.reason,
        }),
      ),
};
