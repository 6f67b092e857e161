import { describe, expect, it } from 'vitest';
import { catalogue, type KubeObject, type ResolvedComponent, type Topology } from '@millwright/platform';
import { metricTable, platformDashboards, platformRuleGroups, ruleFile } from '@millwright/observability';
import { checkRules, promtoolTests, testRules } from '@millwright/observability/testing';
import { buildSample, componentNamed, renderedObjects } from '../test-support/rendered-platform.ts';
import { allTopologies } from '../test-support/sample-configs.ts';

const observability = ['kube-prometheus-stack', 'prometheus-agent', 'loki', 'alloy'];
const ownApps = ['inference-api', 'edge-gateway', 'sensor-sim', 'ui'];

/** Where each component runs under a topology: cluster names, by component. */
function placement(topology: Topology): Record<string, string[]> {
  return Object.fromEntries(buildSample(topology).map((c) => [c.definition.name, c.clusters.map((cluster) => cluster.name)]));
}

const valuesOf = (component: ResolvedComponent, cluster: string) => component.helmValues![cluster]! as Record<string, Record<string, unknown>>;
const objectsOf = (component: ResolvedComponent, kind: string) => renderedObjects(component).filter((o) => o.kind === kind);

describe('where the observability components run', () => {
  it('puts the stack and Loki in the cloud and the agent on the edge in hybrid; Alloy on both', () => {
    const hybrid = placement('hybrid');
    expect(Object.fromEntries(observability.map((name) => [name, hybrid[name]]))).toEqual({
      'kube-prometheus-stack': ['core'],
      'prometheus-agent': ['edge-1'],
      loki: ['core'],
      alloy: ['edge-1', 'core'],
    });
  });

  it.each(['edge-only', 'cloud-only'] as const)('runs the full stack, Loki and Alloy on the one role under %s, and no agent', (topology) => {
    const placed = placement(topology);
    const cluster = topology === 'edge-only' ? 'edge-1' : 'core';
    expect(placed['prometheus-agent']).toBeUndefined();
    for (const name of ['kube-prometheus-stack', 'loki', 'alloy']) expect(placed[name], name).toEqual([cluster]);
  });

  it('puts every observability component in the governance plane and the services wave', () => {
    for (const name of observability) {
      const definition = catalogue.find((c) => c.name === name)!;
      expect([definition.plane, definition.wave], name).toEqual(['governance', 'services']);
    }
  });
});

describe.each(allTopologies)('the ServiceMonitors under %s', (topology) => {
  const built = buildSample(topology);

  it.each(ownApps)('scrape %s on its http port at /metrics, selecting its Service', (name) => {
    const app = componentNamed(built, name);
    const [monitor] = objectsOf(app, 'ServiceMonitor') as [KubeObject & { spec: { selector: { matchLabels: Record<string, string> }; endpoints: object[] } }];
    const [service] = objectsOf(app, 'Service');
    expect(monitor.metadata).toMatchObject({ name, namespace: app.namespace });
    expect(monitor.spec.endpoints).toEqual([{ port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' }]);
    expect(service!.metadata.labels).toMatchObject(monitor.spec.selector.matchLabels);
  });

  it('let the Prometheus that scrapes each app through its ingress policy', () => {
    for (const name of ownApps) {
      const app = componentNamed(built, name);
      const collector = topology === 'hybrid' && app.clusters[0]!.role === 'edge' ? 'prometheus-agent' : 'kube-prometheus-stack';
      const ingress = JSON.stringify(renderedObjects(app).find((o) => o.metadata.name === `${name}-ingress`));
      expect(ingress, name).toContain(`"millwright.io/component":"${collector}"`);
    }
  });
});

describe('without a monitoring stack', () => {
  it('renders no ServiceMonitor, whose CRD would be missing', () => {
    const built = buildSample('hybrid', { components: { 'kube-prometheus-stack': { enabled: false }, 'prometheus-agent': { enabled: false } } });
    for (const name of ownApps) expect(objectsOf(componentNamed(built, name), 'ServiceMonitor'), name).toEqual([]);
  });

  it('renders the ServiceMonitors of the apps the remaining Prometheus covers', () => {
    const built = buildSample('hybrid', { components: { 'prometheus-agent': { enabled: false } } });
    expect(objectsOf(componentNamed(built, 'ui'), 'ServiceMonitor')).toHaveLength(1);
    expect(objectsOf(componentNamed(built, 'inference-api'), 'ServiceMonitor')).toEqual([]);
  });
});

describe('the platform PrometheusRule', () => {
  const stack = componentNamed(buildSample('hybrid'), 'kube-prometheus-stack');
  const [rule] = objectsOf(stack, 'PrometheusRule') as [KubeObject & { spec: { groups: unknown[] } }];

  it('holds every rule group of libs/observability', () => {
    expect(rule.spec).toEqual(ruleFile(platformRuleGroups));
  });

  it('passes promtool check rules as rendered', () => {
    const result = checkRules({ groups: rule.spec.groups });
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('passes the promtool unit tests as rendered', () => {
    const result = testRules({ groups: rule.spec.groups }, promtoolTests());
    expect(result.status, result.output).toBe(0);
  });
});

describe('the Grafana dashboards', () => {
  const stack = componentNamed(buildSample('hybrid'), 'kube-prometheus-stack');
  const configMaps = objectsOf(stack, 'ConfigMap') as (KubeObject & { data: Record<string, string> })[];

  it('are ConfigMaps the Grafana sidecar loads by its label', () => {
    expect(configMaps.map((c) => c.metadata.name).sort()).toEqual(
      ['grafana-dashboard-dora', 'grafana-dashboard-drift', 'grafana-dashboard-edge-nodes', 'grafana-dashboard-serving'],
    );
    for (const configMap of configMaps) expect(configMap.metadata.labels?.['grafana_dashboard'], configMap.metadata.name).toBe('1');
  });

  it('hold each dashboard as valid JSON with unique panel ids', () => {
    const parsed = configMaps.flatMap((c) => Object.values(c.data).map((json) => JSON.parse(json) as { uid: string; panels: { id: number }[] }));
    expect(parsed.map((board) => board.uid).sort()).toEqual(platformDashboards.map((board) => board.uid).sort());
    for (const board of parsed) expect(new Set(board.panels.map((p) => p.id)).size, board.uid).toBe(board.panels.length);
  });

  it('are loaded by a sidecar that watches only the stack namespace', () => {
    const grafana = valuesOf(stack, 'core')['grafana']!;
    expect(grafana['sidecar']).toMatchObject({ dashboards: { enabled: true, label: 'grafana_dashboard', labelValue: '1', searchNamespace: 'millwright-governance' } });
  });
});

describe('the metric table against the catalogue', () => {
  const names = new Set(catalogue.map((c) => c.name));

  it('names only catalogue components as exporters', () => {
    for (const metric of metricTable) for (const exporter of metric.exportedBy) expect(names.has(exporter), `${metric.name}: ${exporter}`).toBe(true);
  });

  it('names only components that are scraped: the own apps, with ServiceMonitors, and the monitoring stacks', () => {
    const exporters = new Set(metricTable.flatMap((metric) => metric.exportedBy));
    expect([...exporters].sort()).toEqual([...ownApps, 'kube-prometheus-stack', 'prometheus-agent'].sort());
  });
});

describe('the kube-prometheus-stack values', () => {
  const hybrid = buildSample('hybrid');
  const stack = componentNamed(hybrid, 'kube-prometheus-stack');
  const values = valuesOf(stack, 'core');

  it('take the Grafana admin login from a Secret and never carry a password', () => {
    expect(values['grafana']!['admin']).toEqual({ existingSecret: 'grafana-admin-credentials', userKey: 'admin-user', passwordKey: 'admin-password' });
    expect(JSON.stringify(stack.helmValues)).not.toMatch(/adminPassword|password"\s*:\s*"[^{]/);
    expect(stack.definition.secrets.map((s) => s.name)).toEqual(['grafana-admin-credentials', 'ingress-basic-auth']);
  });

  it('make Prometheus select ServiceMonitors and rules of every namespace', () => {
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({
      serviceMonitorSelectorNilUsesHelmValues: false,
      podMonitorSelectorNilUsesHelmValues: false,
      ruleSelectorNilUsesHelmValues: false,
    });
  });

  it('accept the edge agents\' remote writes in hybrid, and only there', () => {
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({ enableRemoteWriteReceiver: true });
    const cloudOnly = componentNamed(buildSample('cloud-only'), 'kube-prometheus-stack');
    expect(valuesOf(cloudOnly, 'core')['prometheus']!['prometheusSpec']).not.toHaveProperty('enableRemoteWriteReceiver');
  });

  it('label the chart pods with the component, so the flow policies select them', () => {
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({ podMetadata: { labels: { 'millwright.io/component': 'kube-prometheus-stack' } } });
    expect(values['grafana']!['podLabels']).toMatchObject({ 'millwright.io/component': 'kube-prometheus-stack' });
    expect(values['prometheusOperator']!['podLabels']).toMatchObject({ 'millwright.io/component': 'kube-prometheus-stack' });
  });

  it('pin the chart workloads to the cluster architecture', () => {
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
    expect(values['grafana']!['nodeSelector']).toEqual({ 'kubernetes.io/arch': 'amd64' });
  });

  it('run Grafana non-root with a read-only root and no root init container', () => {
    expect(values['grafana']).toMatchObject({
      initChownData: { enabled: false },
      securityContext: { runAsNonRoot: true, runAsUser: 472 },
      containerSecurityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
  });

  it('add Loki as a Grafana datasource when Loki is deployed', () => {
    expect(values['grafana']!['additionalDataSources']).toEqual([
      { name: 'Loki', type: 'loki', uid: 'loki', access: 'proxy', url: 'http://loki.millwright-governance.svc.cluster.local:3100', editable: false },
    ]);
  });

  it('put node-exporter in the host-agents namespace', () => {
    expect(values['prometheus-node-exporter']).toMatchObject({ namespaceOverride: 'millwright-host-agents' });
    expect(stack.helmNamespaces).toEqual(['millwright-host-agents']);
  });

  it('size the stack down on an edge-only cluster', () => {
    const edge = valuesOf(componentNamed(buildSample('edge-only'), 'kube-prometheus-stack'), 'edge-1');
    expect(edge['prometheus']!['prometheusSpec']).toMatchObject({ retention: '7d', resources: { limits: { memory: '1536Mi' } } });
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({ retention: '15d', resources: { limits: { memory: '3Gi' } } });
  });
});

describe('the edge agent values', () => {
  const agent = componentNamed(buildSample('hybrid'), 'prometheus-agent');
  const values = valuesOf(agent, 'edge-1');

  it('run Prometheus in agent mode, without Grafana, Alertmanager or rules', () => {
    expect(values).toMatchObject({ prometheus: { agentMode: true }, grafana: { enabled: false }, alertmanager: { enabled: false }, defaultRules: { create: false } });
  });

  it('remote-write to the cloud Prometheus through its ingress, with basic auth from a Secret', () => {
    expect(values['prometheus']!['prometheusSpec']).toMatchObject({
      externalLabels: { cluster: 'edge-1', role: 'edge' },
      remoteWrite: [
        {
          url: 'https://kube-prometheus-stack.factory.example.com/api/v1/write',
          basicAuth: { username: { name: 'telemetry-push-credentials', key: 'username' }, password: { name: 'telemetry-push-credentials', key: 'password' } },
        },
      ],
    });
  });
});

describe('the Alloy values', () => {
  const alloy = componentNamed(buildSample('hybrid'), 'alloy');
  const config = (cluster: string) => (valuesOf(alloy, cluster)['alloy']!['configMap'] as { content: string }).content;

  it('tail pod logs through the Kubernetes API, with no host path', () => {
    expect(config('core')).toContain('loki.source.kubernetes "pods"');
    expect(valuesOf(alloy, 'core')['alloy']!['mounts']).toMatchObject({ varlog: false, dockercontainers: false });
    expect(valuesOf(alloy, 'core')['controller']).toMatchObject({ type: 'deployment', replicas: 1 });
  });

  it('run Alloy as its non-root user with a read-only root', () => {
    expect(valuesOf(alloy, 'edge-1')['alloy']!['securityContext']).toMatchObject({ runAsNonRoot: true, runAsUser: 473, readOnlyRootFilesystem: true });
  });

  it('push to the local Loki in the cloud and through the ingress, with basic auth, from the edge', () => {
    expect(config('core')).toContain('url = "http://loki.millwright-governance.svc.cluster.local:3100/loki/api/v1/push"');
    expect(config('core')).not.toContain('basic_auth');
    expect(config('edge-1')).toContain('url = "https://loki.factory.example.com/loki/api/v1/push"');
    expect(config('edge-1')).toContain('password = sys.env("LOKI_PASSWORD")');
    expect(valuesOf(alloy, 'core')['alloy']).not.toHaveProperty('extraEnv');
  });

  it('label each stream with its cluster', () => {
    expect(config('edge-1')).toContain('cluster = "edge-1"');
  });
});
