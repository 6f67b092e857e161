import { describe, expect, it } from 'vitest';
import type { IEnvVar } from 'kubernetes-models/v1';
import { buildSample, componentNamed, containersOf } from '../test-support/rendered-platform.ts';

type Built = ReturnType<typeof buildSample>;

function envOf(built: Built, component: string): Record<string, IEnvVar> {
  const workload = componentNamed(built, component).objects.find((o) => o.kind === 'Deployment')!;
  return Object.fromEntries((containersOf(workload)[0]?.env ?? []).map((e) => [e.name, e]));
}

const replicasOf = (built: Built, component: string) =>
  (componentNamed(built, component).objects.find((o) => o.kind === 'Deployment')?.['spec'] as { replicas: number }).replicas;

describe('an app of our own', () => {
  it('reaches postgres in its cluster without TLS when both run there', () => {
    expect(envOf(buildSample('cloud-only'), 'inference-api')['DATABASE_URL']?.value).toBe(
      'postgresql://inference:$(DATABASE_PASSWORD)@postgres.millwright-it.svc.cluster.local:5432/inference',
    );
  });

  it('reaches postgres in another cluster through the domain with sslmode=require', () => {
    expect(envOf(buildSample('hybrid'), 'inference-api')['DATABASE_URL']?.value).toBe(
      'postgresql://inference:$(DATABASE_PASSWORD)@postgres.factory.example.com:443/inference?sslmode=require',
    );
  });

  it('reaches mlflow in another cluster over https', () => {
    expect(envOf(buildSample('hybrid'), 'inference-api')['MLFLOW_TRACKING_URI']?.value).toBe('https://mlflow.factory.example.com');
  });

  it('uses the edge feature store when there is an edge', () => {
    expect(envOf(buildSample('hybrid'), 'edge-gateway')['REDIS_URL']?.value).toBe(
      'redis://:$(REDIS_PASSWORD)@redis-edge.millwright-ot.svc.cluster.local:6379/0',
    );
  });

  it('uses the cloud feature store under cloud-only', () => {
    expect(envOf(buildSample('cloud-only'), 'edge-gateway')['REDIS_URL']?.value).toContain('@redis-cloud.millwright-it.svc.cluster.local:6379');
  });

  it('falls back to no feature store when the config disables it', () => {
    const built = buildSample('hybrid', { components: { 'redis-edge': { enabled: false } } });

    expect(Object.keys(envOf(built, 'edge-gateway'))).not.toContain('REDIS_URL');
  });

  it('runs one replica unless it says otherwise', () => {
    expect(replicasOf(buildSample('hybrid'), 'ui')).toBe(1);
  });

  it('runs two replicas of the inference API by default', () => {
    expect(replicasOf(buildSample('hybrid'), 'inference-api')).toBe(2);
  });

  it('pulls its image from the configured registry and tag', () => {
    const built = buildSample('hybrid', { images: { registry: 'registry.plant.local:5000/ml', tag: '1.4.2' } });
    const workload = componentNamed(built, 'ui').objects.find((o) => o.kind === 'Deployment')!;

    expect(containersOf(workload)[0]?.image).toBe('registry.plant.local:5000/ml/millwright-ui:1.4.2');
  });
});
