import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { ConfigMap } from 'kubernetes-models/v1';
import { platformDashboards, ruleFile, type GrafanaDashboard } from '@millwright/observability';
import { workloadLabels } from '../kube/workload.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import type { BuildContext, ComponentDefinition } from '../model/types.ts';
import { edgeGateway, inferenceApi, sensorSim, ui } from './apps.ts';
import { chartNetworkPolicy, hostAgentsNamespace } from './chart-support.ts';
import {
  grafanaAdminSecret,
  grafanaDashboardLabel,
  kubePrometheusStackChart,
  kubePrometheusStackKinds,
  kubePrometheusStackValues,
  kubePrometheusStackValuesSchema,
} from './kube-prometheus-stack-chart.ts';
import { monitoringStack, monitoringStackPlacement, prometheusAgent, scrapeFlows } from './metrics-collection.ts';
import { httpUrl, ownAppPort } from './own-app.ts';
import { ingressBasicAuthSecret } from '../kube/ingress.ts';

/** The PrometheusRule holding every platform rule group (SLOs, drift, edge nodes). */
export function platformRules(context: BuildContext): KubeObject {
  const rule = new PrometheusRule({
    metadata: { name: 'millwright-platform', namespace: context.namespace, labels: workloadLabels(context, 'millwright-platform') },
    spec: ruleFile(),
  });
  rule.validate();
  return rule.toJSON() as unknown as KubeObject;
}

/** A dashboard as a ConfigMap the Grafana sidecar loads (label `grafana_dashboard: "1"`). */
export function dashboardConfigMap(context: BuildContext, board: GrafanaDashboard): KubeObject {
  const name = `grafana-dashboard-${board.uid.replace(/^millwright-/, '')}`;
  return new ConfigMap({
    metadata: {
      name,
      namespace: context.namespace,
      labels: { ...workloadLabels(context, name), [grafanaDashboardLabel.key]: grafanaDashboardLabel.value },
    },
    data: { [`${board.uid}.json`]: `${JSON.stringify(board, null, 2)}\n` },
  }).toJSON() as unknown as KubeObject;
}

/** The apps this Prometheus scrapes: those on the clusters it covers (not the edge of a hybrid platform). */
const ownAppsScraped = scrapeFlows(monitoringStack, [inferenceApi, edgeGateway, sensorSim, ui], ownAppPort.name);

/**
 * Prometheus, Alertmanager, Grafana and the Prometheus operator from the upstream
 * kube-prometheus-stack chart, plus our own resources as code: the platform's PrometheusRule
 * (serving SLOs, drift, edge nodes; tested with promtool) and its Grafana dashboards as
 * ConfigMaps. Prometheus selects ServiceMonitors and rules of every namespace; in hybrid it also
 * receives the edge agents' remote writes.
 */
export const kubePrometheusStack: ComponentDefinition = {
  name: monitoringStack,
  description: 'Prometheus, Alertmanager, Grafana and the Prometheus operator (upstream chart); platform rules and dashboards',
  plane: 'governance',
  wave: 'services',
  placement: monitoringStackPlacement,
  dependsOn: ['namespaces'],
  images: {},
  imageSource: 'the images the pinned chart names (quay.io/prometheus, docker.io/grafana, registry.k8s.io/kube-state-metrics), all multi-arch',
  ports: [
    { name: 'prometheus', port: 9090 },
    { name: 'grafana', port: 3000 },
    { name: 'alertmanager', port: 9093 },
  ],
  flows: [...ownAppsScraped, { to: 'loki', port: 'http' }],
  secrets: [
    {
      name: grafanaAdminSecret.name,
      keys: [grafanaAdminSecret.userKey, grafanaAdminSecret.passwordKey],
      description: "Grafana's admin login",
    },
    ingressBasicAuthSecret,
  ],
  // Service names follow `fullnameOverride`; Grafana's Service listens on 80 in front of 3000.
  ingress: [
    { host: 'grafana', service: `${monitoringStack}-grafana`, servicePort: 80, podPort: 3000, auth: 'own-login' },
    { host: 'prometheus', service: `${monitoringStack}-prometheus`, servicePort: 9090, podPort: 9090, auth: 'basic-auth' },
    // The remote-write receiver the edge agents push to (README "Observability"), hybrid only.
    {
      host: monitoringStack,
      service: `${monitoringStack}-prometheus`,
      servicePort: 9090,
      podPort: 9090,
      auth: 'basic-auth',
      when: (context) => context.isDeployed(prometheusAgent),
    },
  ],
  helm: {
    ...kubePrometheusStackChart,
    releaseName: monitoringStack,
    values: (context, cluster) =>
      kubePrometheusStackValues(context, cluster, {
        mode: 'full',
        fullname: monitoringStack,
        remoteWriteReceiver: context.isDeployed(prometheusAgent),
        ...(context.isDeployed('loki') && { lokiUrl: httpUrl(context, 'loki', 'http') }),
      }),
    valuesSchema: kubePrometheusStackValuesSchema,
    kinds: kubePrometheusStackKinds,
    extraNamespaces: (context) => [hostAgentsNamespace(context.platform)],
  },
  build: (context) => [
    chartNetworkPolicy(context, { kubernetesApi: true, nodePorts: [10250, 9100] }),
    platformRules(context),
    ...platformDashboards.map((board) => dashboardConfigMap(context, board)),
  ],
};
