import type { ComponentDefinition } from '../model/types.ts';
import { edgeGateway, inferenceApi, sensorSim } from './apps.ts';
import { chartNetworkPolicy, hostAgentsNamespace } from './chart-support.ts';
import { kubePrometheusStackChart, kubePrometheusStackKinds, kubePrometheusStackValues, kubePrometheusStackValuesSchema } from './kube-prometheus-stack-chart.ts';
import { monitoringStack, prometheusAgent as agentName, prometheusAgentPlacement, scrapeFlows } from './metrics-collection.ts';
import { httpUrl, ownAppPort } from './own-app.ts';

/** The Secret with the basic-auth login the edge uses to push metrics and logs to the cloud. */
export const telemetryPushSecret = 'telemetry-push-credentials';

/**
 * The edge half of hybrid monitoring: the kube-prometheus-stack chart with Prometheus in agent
 * mode (a PrometheusAgent: scrape and remote-write only, no local queries, rules or alerts),
 * node-exporter and kube-state-metrics. It scrapes the edge apps through their ServiceMonitors
 * and edge node health, and remote-writes everything, labelled with the cluster, to the cloud
 * Prometheus's remote-write receiver through the cloud ingress (`/api/v1/write`, basic auth
 * from `telemetry-push-credentials`). Rules and dashboards run in the cloud on what arrives.
 * While the link is down the agent buffers in its write-ahead log (about two hours); longer
 * outages leave a gap, and alerts about the edge cannot fire from the cloud meanwhile.
 */
export const prometheusAgent: ComponentDefinition = {
  name: agentName,
  description: 'Prometheus in agent mode on the edge (upstream chart): scrapes edge apps and nodes, remote-writes to the cloud Prometheus',
  plane: 'governance',
  wave: 'services',
  placement: prometheusAgentPlacement,
  dependsOn: ['namespaces'],
  images: {},
  imageSource: 'the images the pinned chart names (quay.io/prometheus, registry.k8s.io/kube-state-metrics), all multi-arch',
  ports: [],
  flows: [...scrapeFlows(agentName, [inferenceApi, edgeGateway, sensorSim], ownAppPort.name), { to: monitoringStack, port: 'prometheus' }],
  secrets: [
    {
      name: telemetryPushSecret,
      keys: ['username', 'password'],
      description: "the edge's basic-auth login at the cloud ingress, for pushing metrics (remote write) and logs (Loki)",
    },
  ],
  helm: {
    ...kubePrometheusStackChart,
    releaseName: agentName,
    values: (context, cluster) =>
      kubePrometheusStackValues(context, cluster, {
        mode: 'agent',
        fullname: agentName,
        remoteWrite: { url: `${httpUrl(context, monitoringStack, 'prometheus')}/api/v1/write`, secret: telemetryPushSecret },
      }),
    valuesSchema: kubePrometheusStackValuesSchema,
    kinds: kubePrometheusStackKinds,
    extraNamespaces: (context) => [hostAgentsNamespace(context.platform)],
  },
  build: (context) => [chartNetworkPolicy(context, { kubernetesApi: true, nodePorts: [10250, 9100] })],
};
