import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';
import type { Topology } from '../model/types.ts';

function inferenceApiEnv(topology: Topology): IContainer['env'] {
  const deployment = componentNamed(buildSample(topology), 'inference-api').objects.find((o) => o.kind === 'Deployment')!;
  return containersOf(deployment).find((c) => c.name === 'inference-api')!.env;
}

describe('the inference API wiring', () => {
  it.each(['edge-only', 'cloud-only'] as const)('turns CORS off where the UI calls it on its own origin (%s)', (topology) => {
    expect(inferenceApiEnv(topology)!.map((e) => e.name)).not.toContain('CORS_ORIGINS');
  });

  it('allows the operator UI origin by CORS in hybrid, where the UI (cloud) calls the edge API across origins', () => {
    expect(inferenceApiEnv('hybrid')).toContainEqual({ name: 'CORS_ORIGINS', value: 'https://ui.factory.example.com' });
  });

  it('leaves CORS off when the UI is disabled', () => {
    const deployment = componentNamed(buildSample('hybrid', { components: { ui: { enabled: false } } }), 'inference-api').objects.find((o) => o.kind === 'Deployment')!;
    expect(containersOf(deployment)[0]!.env!.map((e) => e.name)).not.toContain('CORS_ORIGINS');
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

function uiApiUrl(topology: Topology): string | undefined {
  const deployment = componentNamed(buildSample(topology), 'ui').objects.find((o) => o.kind === 'Deployment')!;
  return containersOf(deployment)[0]!.env!.find((e) => e.name === 'API_URL')?.value;
}

describe('the operator UI wiring', () => {
  it.each(['edge-only', 'cloud-only'] as const)('calls the inference API under its own host, https://ui.<domain>/api (%s)', (topology) => {
    expect(uiApiUrl(topology)).toBe('https://ui.factory.example.com/api');
  });

  it('calls the edge inference API at api.<domain> in hybrid, where no one Traefik serves both', () => {
    expect(uiApiUrl('hybrid')).toBe('https://api.factory.example.com');
  });
});
