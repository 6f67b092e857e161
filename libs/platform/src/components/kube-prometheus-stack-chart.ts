import { resources } from '../kube/resources.ts';
import type { BuildContext, Cluster, GroupKind, HelmChart, ResourceSpec } from '../model/types.ts';
import { appsKind, chartBasics, chartNodeSelector, chartPodLabels, chartRepositories, clusterRbac, customResourceDefinition, hostAgentsNamespace, namespacedRbac, restrictedContainer, restrictedPod, sizedFor } from './chart-support.ts';
import { anyObject, arrayOf, boolean, mapOf, resourcesSchema, string, stringMap, strictObject, valuesSchema, type Schema } from './values-schema.ts';

/**
 * prometheus-community/kube-prometheus-stack, shared by the full stack (cloud, or the one role)
 * and the edge agent of a hybrid platform (the same chart with `prometheus.agentMode`, so the
 * edge has the operator and its CRDs: our apps' ServiceMonitors work there unchanged).
 *
 * Version 91.5.0 (released 2026-09-13; its release notes are quoted in ocf/kubernetes#166).
 * Every key set below was checked against the chart's values.yaml; the chart's templates are
 * not rendered here (no helm, no chart download), see README "Observability".
 */
export const kubePrometheusStackChart = {
  repoURL: chartRepositories.prometheusCommunity,
  chart: 'kube-prometheus-stack',
  version: '91.5.0',
} as const;

/** The Secret holding Grafana's admin login (never a chart value). */
export const grafanaAdminSecret = { name: 'grafana-admin-credentials', userKey: 'admin-user', passwordKey: 'admin-password' } as const;

/** The label the Grafana sidecar loads dashboard ConfigMaps by. */
export const grafanaDashboardLabel = { key: 'grafana_dashboard', value: '1' } as const;

const monitoring = (kind: string): GroupKind => ({ group: 'monitoring.coreos.com', kind });

/** What the chart renders with our values (the operator's StatefulSets are not Argo CD's). */
export const kubePrometheusStackKinds: HelmChart['kinds'] = {
  clusterScoped: [customResourceDefinition, ...clusterRbac],
  namespaced: [
    ...chartBasics,
    appsKind('Deployment'),
    appsKind('DaemonSet'),
    ...namespacedRbac,
    monitoring('Prometheus'),
    monitoring('PrometheusAgent'),
    monitoring('Alertmanager'),
    monitoring('ServiceMonitor'),
    monitoring('PrometheusRule'),
  ],
};

/** Sizes of each workload of the chart, by cluster role. */
const sizes = {
  prometheus: { cloud: resources('250m', '1Gi', '2', '3Gi'), edge: resources('150m', '512Mi', '1', '1536Mi') },
  agent: { cloud: resources('100m', '192Mi', '1', '512Mi'), edge: resources('100m', '192Mi', '1', '512Mi') },
  alertmanager: { cloud: resources('25m', '64Mi', '200m', '256Mi'), edge: resources('20m', '48Mi', '100m', '128Mi') },
  grafana: { cloud: resources('100m', '192Mi', '1', '512Mi'), edge: resources('50m', '160Mi', '500m', '384Mi') },
  sidecar: { cloud: resources('20m', '64Mi', '200m', '192Mi'), edge: resources('10m', '48Mi', '100m', '128Mi') },
  operator: { cloud: resources('50m', '96Mi', '500m', '256Mi'), edge: resources('25m', '64Mi', '250m', '192Mi') },
  configReloader: { cloud: resources('10m', '32Mi', '100m', '64Mi'), edge: resources('10m', '32Mi', '100m', '64Mi') },
  kubeStateMetrics: { cloud: resources('25m', '64Mi', '250m', '192Mi'), edge: resources('20m', '48Mi', '200m', '128Mi') },
  nodeExporter: { cloud: resources('25m', '32Mi', '250m', '96Mi'), edge: resources('20m', '24Mi', '200m', '64Mi') },
} satisfies Record<string, { cloud: ResourceSpec; edge: ResourceSpec }>;

/** How much history the full Prometheus keeps, and on what volume, by cluster role. */
const storage = { cloud: { retention: '15d', volume: '20Gi' }, edge: { retention: '7d', volume: '10Gi' } } as const;

/** Which variant of the chart a component deploys. */
export interface StackVariant {
  /** `full`: Prometheus, Alertmanager, Grafana. `agent`: Prometheus in agent mode, remote-writing. */
  readonly mode: 'full' | 'agent';
  /** Chart resource names start with this (`fullnameOverride`), so Services keep stable names. */
  readonly fullname: string;
  /** Agent only: where to remote-write, and the Secret with the credentials for it. */
  readonly remoteWrite?: { readonly url: string; readonly secret: string };
  /** Full only: accept remote writes from edge agents (hybrid). */
  readonly remoteWriteReceiver?: boolean;
  /** Full only: the Loki URL Grafana gets as a datasource, when Loki is deployed. */
  readonly lokiUrl?: string;
}

/**
 * K3s runs the controller manager, scheduler, proxy and etcd inside its own binary, not as pods
 * the chart's Services could select; their ServiceMonitors and rules would only ever alert
 * "target down". CoreDNS scraping would need a Service in kube-system. All off.
 */
const k3sEmbeddedComponentsOff = {
  kubeControllerManager: { enabled: false },
  kubeScheduler: { enabled: false },
  kubeProxy: { enabled: false },
  kubeEtcd: { enabled: false },
  coreDns: { enabled: false },
};

function prometheusSpec(context: BuildContext, cluster: Cluster, variant: StackVariant): Record<string, unknown> {
  const selectEverything = {
    // Select ServiceMonitors, PodMonitors, Probes and PrometheusRules of every namespace, not
    // only those labelled with this release (the chart's default).
    serviceMonitorSelectorNilUsesHelmValues: false,
    podMonitorSelectorNilUsesHelmValues: false,
    probeSelectorNilUsesHelmValues: false,
    scrapeConfigSelectorNilUsesHelmValues: false,
  };
  const common = {
    podMetadata: { labels: chartPodLabels(context) },
    nodeSelector: chartNodeSelector(cluster),
    externalLabels: { cluster: cluster.name, role: cluster.role },
    ...selectEverything,
  };
  if (variant.mode === 'agent') {
    const secret = variant.remoteWrite!.secret;
    return {
      ...common,
      resources: sizedFor(cluster, sizes.agent),
      remoteWrite: [
        {
          url: variant.remoteWrite!.url,
          basicAuth: { username: { name: secret, key: 'username' }, password: { name: secret, key: 'password' } },
        },
      ],
    };
  }
  const kept = storage[cluster.role];
  return {
    ...common,
    ruleSelectorNilUsesHelmValues: false,
    resources: sizedFor(cluster, sizes.prometheus),
    retention: kept.retention,
    storageSpec: {
      volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: kept.volume } } } },
    },
    ...(variant.remoteWriteReceiver && { enableRemoteWriteReceiver: true }),
  };
}

function grafanaValues(context: BuildContext, cluster: Cluster, variant: StackVariant): Record<string, unknown> {
  if (variant.mode === 'agent') return { enabled: false };
  return {
    enabled: true,
    defaultDashboardsTimezone: 'utc',
    admin: { existingSecret: grafanaAdminSecret.name, userKey: grafanaAdminSecret.userKey, passwordKey: grafanaAdminSecret.passwordKey },
    podLabels: chartPodLabels(context),
    nodeSelector: chartNodeSelector(cluster),
    resources: sizedFor(cluster, sizes.grafana),
    // Dashboards come from ConfigMaps, so Grafana needs no volume of its own, and no root init
    // container to chown one.
    persistence: { enabled: false },
    initChownData: { enabled: false },
    securityContext: restrictedPod(472),
    containerSecurityContext: restrictedContainer(),
    extraEmptyDirMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    'grafana.ini': { log: { mode: 'console' }, analytics: { check_for_updates: false, reporting_enabled: false } },
    sidecar: {
      resources: sizedFor(cluster, sizes.sidecar),
      securityContext: restrictedContainer(),
      // Only our namespace: the sidecar then needs no cluster-wide read of ConfigMaps.
      dashboards: { enabled: true, label: grafanaDashboardLabel.key, labelValue: grafanaDashboardLabel.value, searchNamespace: context.namespace },
    },
    ...(variant.lokiUrl && {
      additionalDataSources: [{ name: 'Loki', type: 'loki', uid: 'loki', access: 'proxy', url: variant.lokiUrl, editable: false }],
    }),
  };
}

/** The chart's values for one cluster. */
export function kubePrometheusStackValues(context: BuildContext, cluster: Cluster, variant: StackVariant): Record<string, unknown> {
  const full = variant.mode === 'full';
  return {
    fullnameOverride: variant.fullname,
    commonLabels: { 'app.kubernetes.io/part-of': context.platform.name },
    crds: { enabled: true },
    defaultRules: full
      ? { create: true, rules: { etcd: false, kubeControllerManager: false, kubeSchedulerAlerting: false, kubeSchedulerRecording: false, kubeProxy: false, windows: false } }
      : { create: false },
    ...k3sEmbeddedComponentsOff,
    windowsMonitoring: { enabled: false },
    prometheusOperator: {
      // The admission webhook would need a certificate job with cluster-wide webhook rights; our
      // own rules are checked by promtool in CI instead. Without it the operator serves plain HTTP.
      admissionWebhooks: { enabled: false },
      tls: { enabled: false },
      podLabels: chartPodLabels(context),
      nodeSelector: chartNodeSelector(cluster),
      resources: sizedFor(cluster, sizes.operator),
      // Probes on the config-reloader sidecars of Prometheus and Alertmanager, like every other container.
      prometheusConfigReloader: { enableProbe: true, resources: sizedFor(cluster, sizes.configReloader) },
    },
    prometheus: { agentMode: !full, prometheusSpec: prometheusSpec(context, cluster, variant) },
    alertmanager: full
      ? {
          enabled: true,
          alertmanagerSpec: {
            podMetadata: { labels: chartPodLabels(context) },
            nodeSelector: chartNodeSelector(cluster),
            resources: sizedFor(cluster, sizes.alertmanager),
          },
        }
      : { enabled: false },
    grafana: grafanaValues(context, cluster, variant),
    'kube-state-metrics': {
      customLabels: chartPodLabels(context),
      nodeSelector: chartNodeSelector(cluster),
      resources: sizedFor(cluster, sizes.kubeStateMetrics),
    },
    // node-exporter needs the host's network, PID namespace and /proc, /sys: it runs in the
    // host-agents namespace, on every node (no node selector: edge health covers them all).
    'prometheus-node-exporter': {
      namespaceOverride: hostAgentsNamespace(context.platform),
      podLabels: chartPodLabels(context),
      resources: sizedFor(cluster, sizes.nodeExporter),
    },
  };
}

const enabledOnly = strictObject({ enabled: boolean });
const podLabelsSchema = strictObject({ labels: stringMap });

/** The keys we set, per the chart's values.yaml at 91.5.0 (and its subcharts' for theirs). */
export const kubePrometheusStackValuesSchema: Schema = valuesSchema('kube-prometheus-stack values generated by Millwright', {
  fullnameOverride: string,
  commonLabels: stringMap,
  crds: enabledOnly,
  defaultRules: strictObject({ create: boolean, rules: mapOf(boolean) }),
  kubeControllerManager: enabledOnly,
  kubeScheduler: enabledOnly,
  kubeProxy: enabledOnly,
  kubeEtcd: enabledOnly,
  coreDns: enabledOnly,
  windowsMonitoring: enabledOnly,
  prometheusOperator: strictObject({
    admissionWebhooks: enabledOnly,
    tls: enabledOnly,
    podLabels: stringMap,
    nodeSelector: stringMap,
    resources: resourcesSchema,
    prometheusConfigReloader: strictObject({ enableProbe: boolean, resources: resourcesSchema }),
  }),
  prometheus: strictObject({
    agentMode: boolean,
    prometheusSpec: strictObject({
      podMetadata: podLabelsSchema,
      nodeSelector: stringMap,
      externalLabels: stringMap,
      serviceMonitorSelectorNilUsesHelmValues: boolean,
      podMonitorSelectorNilUsesHelmValues: boolean,
      probeSelectorNilUsesHelmValues: boolean,
      scrapeConfigSelectorNilUsesHelmValues: boolean,
      ruleSelectorNilUsesHelmValues: boolean,
      resources: resourcesSchema,
      retention: string,
      storageSpec: strictObject({ volumeClaimTemplate: anyObject }),
      enableRemoteWriteReceiver: boolean,
      remoteWrite: arrayOf(strictObject({ url: string, basicAuth: anyObject })),
    }),
  }),
  alertmanager: strictObject({
    enabled: boolean,
    alertmanagerSpec: strictObject({ podMetadata: podLabelsSchema, nodeSelector: stringMap, resources: resourcesSchema }),
  }),
  grafana: strictObject({
    enabled: boolean,
    defaultDashboardsTimezone: string,
    admin: strictObject({ existingSecret: string, userKey: string, passwordKey: string }),
    podLabels: stringMap,
    nodeSelector: stringMap,
    resources: resourcesSchema,
    persistence: enabledOnly,
    initChownData: enabledOnly,
    securityContext: anyObject,
    containerSecurityContext: anyObject,
    extraEmptyDirMounts: arrayOf(strictObject({ name: string, mountPath: string })),
    'grafana.ini': anyObject,
    sidecar: strictObject({
      resources: resourcesSchema,
      securityContext: anyObject,
      dashboards: strictObject({ enabled: boolean, label: string, labelValue: string, searchNamespace: string }),
    }),
    additionalDataSources: arrayOf(anyObject),
  }),
  'kube-state-metrics': strictObject({ customLabels: stringMap, nodeSelector: stringMap, resources: resourcesSchema }),
  'prometheus-node-exporter': strictObject({ namespaceOverride: string, podLabels: stringMap, resources: resourcesSchema }),
});
