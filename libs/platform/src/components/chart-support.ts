import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import type { BuildContext, Cluster, GroupKind, Platform, ResourceSpec } from '../model/types.ts';

/**
 * Helpers for components deployed from upstream Helm charts: the labels, node selection,
 * security contexts and network policies their values and extra objects share, so every
 * chart-managed pod is placed, labelled and fenced like the pods we render ourselves.
 */

/** Kinds by API group, for the `kinds` a chart declares it renders. */
export const coreKind = (kind: string): GroupKind => ({ group: '', kind });
export const appsKind = (kind: string): GroupKind => ({ group: 'apps', kind });
export const rbacKind = (kind: string): GroupKind => ({ group: 'rbac.authorization.k8s.io', kind });
export const customResourceDefinition: GroupKind = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };

/** What every chart here renders in its namespace: configuration, Secrets, Services, service accounts. */
export const chartBasics: readonly GroupKind[] = ['ConfigMap', 'Secret', 'Service', 'ServiceAccount'].map(coreKind);
/** A chart's namespaced RBAC. */
export const namespacedRbac: readonly GroupKind[] = [rbacKind('Role'), rbacKind('RoleBinding')];
/** A chart's cluster-wide RBAC. */
export const clusterRbac: readonly GroupKind[] = [rbacKind('ClusterRole'), rbacKind('ClusterRoleBinding')];

/** Chart repositories (HTTPS index URLs) the platform pins charts from. */
export const chartRepositories = {
  prometheusCommunity: 'https://prometheus-community.github.io/helm-charts',
  grafana: 'https://grafana.github.io/helm-charts',
  /** Open-source Loki's chart since March 2026 (grafana/loki#20705); grafana/helm-charts keeps it for GEL only. */
  grafanaCommunity: 'https://grafana-community.github.io/helm-charts',
  seldon: 'https://storage.googleapis.com/seldon-charts',
  metallb: 'https://metallb.github.io/metallb',
} as const;

/**
 * Labels for a chart's pods: the platform's part-of label (policies and dashboards select by it)
 * and the component label the NetworkPolicies of the flow graph select pods by.
 */
export function chartPodLabels(context: BuildContext): Record<string, string> {
  return { [names.labels.partOf]: context.platform.name, [names.labels.millwrightComponent]: context.component };
}

/** The node selector every chart workload on `cluster` gets: its architecture and node labels. */
export function chartNodeSelector(cluster: Cluster): Record<string, string> {
  return { [names.labels.arch]: cluster.arch, ...cluster.nodeSelector };
}

/** The resources for `cluster`: the edge sizes on edge clusters, the cloud sizes elsewhere. */
export function sizedFor(cluster: Cluster, sizes: { readonly cloud: ResourceSpec; readonly edge: ResourceSpec }): ResourceSpec {
  return cluster.role === 'edge' ? sizes.edge : sizes.cloud;
}

/** A container securityContext that meets Pod Security "restricted", with a read-only root. */
export function restrictedContainer(user?: number): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    ...(user !== undefined && { runAsUser: user, runAsGroup: user }),
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** A pod securityContext that meets Pod Security "restricted" for a non-root `user`. */
export function restrictedPod(user: number): Record<string, unknown> {
  return { runAsNonRoot: true, runAsUser: user, runAsGroup: user, fsGroup: user, seccompProfile: { type: 'RuntimeDefault' } };
}

/** What a chart's pods reach besides each other and the flows the component declares. */
export interface ChartTrafficProps {
  /** The Kubernetes API (service discovery, watches, log tailing). */
  readonly kubernetesApi: boolean;
  /** TCP ports on node addresses: the kubelet (10250) and host-network exporters (9100). */
  readonly nodePorts?: readonly number[];
}

/** The port the Kubernetes API answers on: 443 at the `kubernetes` Service, 6443 on K3s servers. */
const kubernetesApiPorts = [443, 6443];

/**
 * The NetworkPolicy of a chart's own traffic: its pods talk to each other (a chart is several
 * workloads: Prometheus, Grafana, the operator, ...), reach the Kubernetes API and node ports
 * when they must. The addresses are the API server's and the nodes', which a policy cannot know
 * in advance, so these rules are limited by port, not by address.
 */
export function chartNetworkPolicy(context: BuildContext, props: ChartTrafficProps): KubeObject {
  const ownPods = { podSelector: { matchLabels: { [names.labels.millwrightComponent]: context.component } } };
  const anyAddress = { ipBlock: { cidr: '0.0.0.0/0' } };
  const ports = [...(props.kubernetesApi ? kubernetesApiPorts : []), ...(props.nodePorts ?? [])];
  const egress: INetworkPolicyEgressRule[] = [
    { to: [ownPods] },
    ...(ports.length > 0 ? [{ to: [anyAddress], ports: ports.map((port) => ({ protocol: 'TCP' as const, port })) }] : []),
  ];
  return new NetworkPolicy({
    metadata: {
      name: `${context.component}-chart`,
      namespace: context.namespace,
      labels: { [names.labels.partOf]: context.platform.name, [names.labels.managedBy]: names.managedBy, [names.labels.millwrightComponent]: context.component },
    },
    spec: {
      podSelector: ownPods.podSelector,
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [ownPods] }],
      egress,
    },
  }).toJSON() as unknown as KubeObject;
}

/**
 * `<platform>-host-agents`: the namespace of node-level agents that need the host's network,
 * processes and `/proc`, `/sys` (node-exporter). Pod Security "restricted" cannot admit them,
 * so this one namespace enforces "privileged" (and audits against "restricted"); nothing else
 * runs in it. The namespaces component creates it; see README "Observability".
 */
export function hostAgentsNamespace(platform: Platform): string {
  return `${platform.name}-host-agents`;
}
