import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';
import type { Topology } from '../model/types.ts';
import { allTopologies } from '../test-support/index.ts';

function inferenceApiEnv(topology: Topology): IContainer['env'] {
  const deployment = componentNamed(buildSample(topology), 'inference-api').objects.find((o) => o.kind === 'Deployment')!;
  return containersOf(deployment).find((c) => c.name === 'inference-api')!.env;
}

describe('the inference API wiring', () => {
  it.each(['edge-only', 'cloud-only', 'hybrid'] as const)('renders no CORS_ORIGINS: no browser request is cross-origin (%s)', (topology) => {
    expect(inferenceApiEnv(topology)!.map((e) => e.name)).not.toContain('CORS_ORIGINS');
  });

  it("reaches the cloud MLflow through its ingress with the edge's basic-auth credentials in hybrid", () => {
    const env = inferenceApiEnv('hybrid');
    expect(env).toContainEqual({ name: 'MLFLOW_TRACKING_URI', value: 'https://mlflow.factory.example.com' });
    expect(env).toContainEqual({ name: 'MLFLOW_TRACKING_USERNAME', valueFrom: { secretKeyRef: { name: 'mlflow-client-credentials', key: 'username' } } });
    expect(env).toContainEqual({ name: 'MLFLOW_TRACKING_PASSWORD', valueFrom: { secretKeyRef: { name: 'mlflow-client-credentials', key: 'password' } } });
  });

  it.each(['edge-only', 'cloud-only'] as const)('needs no MLflow credentials where MLflow runs beside it (%s)', (topology) => {
    expect(inferenceApiEnv(topology)!.map((e) => e.name)).not.toContain('MLFLOW_TRACKING_PASSWORD');
  });
});

function uiEnv(topology: Topology): IContainer['env'] {
  const deployment = componentNamed(buildSample(topology), 'ui').objects.find((o) => o.kind === 'Deployment')!;
  return containersOf(deployment)[0]!.env;
}

describe('the operator UI wiring', () => {
  it.each(allTopologies)('calls the inference API under its own host, https://ui.<domain>/api (%s)', (topology) => {
    expect(uiEnv(topology)!.find((e) => e.name === 'API_URL')?.value).toBe('https://ui.factory.example.com/api');
  });

  it("proxies /api to the edge API's ingress in hybrid, with the credentials of its client Secret", () => {
    const env = uiEnv('hybrid');
    expect(env).toContainEqual({ name: 'API_UPSTREAM', value: 'https://inference-api.factory.example.com' });
    expect(env).toContainEqual({ name: 'API_UPSTREAM_USERNAME', valueFrom: { secretKeyRef: { name: 'ui-api-client-credentials', key: 'username' } } });
    expect(env).toContainEqual({ name: 'API_UPSTREAM_PASSWORD', valueFrom: { secretKeyRef: { name: 'ui-api-client-credentials', key: 'password' } } });
  });

  it.each(['edge-only', 'cloud-only'] as const)('proxies nothing where Traefik routes /api to the API itself (%s)', (topology) => {
    expect(uiEnv(topology)!.map((e) => e.name).filter((name) => name.startsWith('API_UPSTREAM'))).toEqual([]);
  });

  it('opens egress to port 443 only in hybrid, where its pod calls the edge', () => {
    const egressOf = (topology: Topology) =>
      Object.values(componentNamed(buildSample(topology), 'ui').clusterObjects)
        .flat()
        .filter((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'ui-egress');
    expect(egressOf('hybrid').map((policy) => (policy['spec'] as { egress: unknown }).egress)).toEqual([[{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }]]);
    expect(egressOf('edge-only')).toEqual([]);
    expect(egressOf('cloud-only')).toEqual([]);
  });
});
