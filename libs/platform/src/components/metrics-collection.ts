import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { selectorLabels, workloadLabels } from '../kube/workload.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { topologies, type BuildContext, type ClusterRole, type ComponentDefinition, type Flow, type Topology } from '../model/types.ts';

/** The full monitoring stack (Prometheus, Alertmanager, Grafana, the operator). */
export const monitoringStack = 'kube-prometheus-stack';
/** The Prometheus in agent mode that scrapes the edge in hybrid and remote-writes to the stack. */
export const prometheusAgent = 'prometheus-agent';

/** Where the monitoring stack runs: the cloud when there is one, else the edge. */
export const monitoringStackPlacement = {
  'edge-only': ['edge'],
  hybrid: ['cloud'],
  'cloud-only': ['cloud'],
} as const satisfies ComponentDefinition['placement'];

/** Where the agent runs: only on the edge of a hybrid platform, where the stack does not. */
export const prometheusAgentPlacement = {
  'edge-only': [],
  hybrid: ['edge'],
  'cloud-only': [],
} as const satisfies ComponentDefinition['placement'];

/** The component whose Prometheus scrapes pods on clusters of `role` under `topology`. */
export function metricsCollectorFor(topology: Topology, role: ClusterRole): string {
  return (prometheusAgentPlacement[topology] as readonly ClusterRole[]).includes(role) ? prometheusAgent : monitoringStack;
}

/**
 * The flows a collector needs to scrape the apps that export metrics on its clusters: to each
 * app's metrics port, under the topologies where this collector is the one on the app's roles.
 */
export function scrapeFlows(collector: string, targets: readonly ComponentDefinition[], port: string): Flow[] {
  return targets.flatMap((target) => {
    const scrapedHere = topologies.filter(
      (topology) => target.placement[topology].length > 0 && target.placement[topology].every((role) => metricsCollectorFor(topology, role) === collector),
    );
    return scrapedHere.length > 0 ? [{ to: target.name, port, topologies: scrapedHere }] : [];
  });
}

/** What a ServiceMonitor scrapes: the Service's named port and the metrics path. */
export interface ScrapeEndpoint {
  readonly port: string;
  /** @default '/metrics' */
  readonly path?: string;
}

/**
 * A ServiceMonitor for the component's Service `name`, when the Prometheus that covers every
 * role the component runs on is deployed (its CRD arrives with it). Prometheus names the job
 * after the Service, so rules and dashboards select `job="<name>"`.
 */
export function serviceMonitorFor(context: BuildContext, placement: ComponentDefinition['placement'], name: string, endpoint: ScrapeEndpoint): KubeObject[] {
  const topology = context.platform.topology;
  const collectors = placement[topology].map((role) => metricsCollectorFor(topology, role));
  if (collectors.length === 0 || !collectors.every((collector) => context.isDeployed(collector))) return [];
  const monitor = new ServiceMonitor({
    metadata: { name, namespace: context.namespace, labels: workloadLabels(context, name) },
    spec: {
      selector: { matchLabels: selectorLabels(context, name) },
      endpoints: [{ port: endpoint.port, path: endpoint.path ?? '/metrics', interval: '30s', scrapeTimeout: '10s' }],
    },
  });
  monitor.validate();
  return [monitor.toJSON() as unknown as KubeObject];
}
