import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';
import type { Topology } from '../model/types.ts';

function inferenceApiEnv(topology: Topology): IContainer['env'] {
  const deployment = componentNamed(buildSample(topology), 'inference-api').objects.find((o) => o.kind === 'Deployment')!;
  return containersOf(deployment).find((c) => c.name === 'inference-api')!.env;
}

describe('the inference API wiring', () => {
  it.each(['edge-only', 'hybrid', 'cloud-only'] as const)('allows the operator UI origin by CORS (%s)', (topology) => {
    expect(inferenceApiEnv(topology)).toContainEqual({ name: 'CORS_ORIGINS', value: 'https://ui.factory.example.com' });
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
