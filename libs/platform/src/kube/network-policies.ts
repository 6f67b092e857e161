import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import type { INetworkPolicyEgressRule, INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1';
import { names } from '../model/names.ts';
import { isDeployed } from '../model/placement.ts';
import type { Cluster, ComponentDefinition, Flow, Platform } from '../model/types.ts';
import type { KubeObject } from './kube-object.ts';

/** Everything the policy builders need to look components up. */
export interface FlowGraph {
  readonly platform: Platform;
  readonly catalogue: readonly ComponentDefinition[];
  readonly namespaceOf: (component: ComponentDefinition) => string;
}

/** The flows a component uses under the platform's topology. */
export function activeFlows(platform: Platform, component: ComponentDefinition): readonly Flow[] {
  return component.flows.filter((flow) => !flow.topologies || flow.topologies.includes(platform.topology));
}

function find(graph: FlowGraph, name: string): ComponentDefinition | undefined {
  return graph.catalogue.find((c) => c.name === name);
}

function peer(graph: FlowGraph, component: ComponentDefinition) {
  return {
    namespaceSelector: { matchLabels: { [names.labels.namespaceName]: graph.namespaceOf(component) } },
    podSelector: { matchLabels: { [names.labels.millwrightComponent]: component.name } },
  };
}

function policyLabels(graph: FlowGraph, component: ComponentDefinition): Record<string, string> {
  return {
    [names.labels.partOf]: graph.platform.name,
    [names.labels.managedBy]: names.managedBy,
    [names.labels.millwrightComponent]: component.name,
  };
}

/**
 * The ingress half of a component's flows: each of its ports admits exactly the deployed
 * components that declare a flow to it. Without clients the namespace's default-deny applies.
 */
export function ingressPolicy(graph: FlowGraph, component: ComponentDefinition): KubeObject | undefined {
  const rules: INetworkPolicyIngressRule[] = [];
  for (const port of component.ports) {
    const clients = graph.catalogue.filter(
      (client) =>
        isDeployed(graph.platform, client) && activeFlows(graph.platform, client).some((f) => f.to === component.name && f.port === port.name),
    );
    if (clients.length === 0) continue;
    rules.push({ from: clients.map((client) => peer(graph, client)), ports: [{ protocol: 'TCP', port: port.port }] });
  }
  if (rules.length === 0) return undefined;
  return new NetworkPolicy({
    metadata: { name: `${component.name}-ingress`, namespace: graph.namespaceOf(component), labels: policyLabels(graph, component) },
    spec: {
      podSelector: { matchLabels: { [names.labels.millwrightComponent]: component.name } },
      policyTypes: ['Ingress'],
      ingress: rules,
    },
  }).toJSON() as unknown as KubeObject;
}

/**
 * The egress half on one cluster: to pods of targets running on the same cluster, and, for a
 * target that runs only on another cluster, to its port at any address (it is reached through
 * that cluster's ingress or load balancer, whose address this cluster cannot know).
 */
export function egressPolicy(graph: FlowGraph, component: ComponentDefinition, cluster: Cluster): KubeObject | undefined {
  const rules: INetworkPolicyEgressRule[] = [];
  const seen = new Set<string>();
  for (const flow of activeFlows(graph.platform, component)) {
    const target = find(graph, flow.to);
    if (!target || !isDeployed(graph.platform, target)) continue;
    const port = target.ports.find((p) => p.name === flow.port);
    if (!port) continue;
    const local = target.placement[graph.platform.topology].includes(cluster.role);
    const to = local ? [peer(graph, target)] : [{ ipBlock: { cidr: '0.0.0.0/0' } }];
    const rule = { to, ports: [{ protocol: 'TCP' as const, port: local ? port.port : 443 }] };
    const key = JSON.stringify(rule);
    if (!seen.has(key)) rules.push(rule);
    seen.add(key);
  }
  if (rules.length === 0) return undefined;
  return new NetworkPolicy({
    metadata: { name: `${component.name}-egress`, namespace: graph.namespaceOf(component), labels: policyLabels(graph, component) },
    spec: {
      podSelector: { matchLabels: { [names.labels.millwrightComponent]: component.name } },
      policyTypes: ['Egress'],
      egress: rules,
    },
  }).toJSON() as unknown as KubeObject;
}
