import { describe, expect, it } from 'vitest';
import { buildPlatform, catalogue, requiredSecrets, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { formatSecretsScript } from './secrets-script.ts';
import { formatPlan } from './summary.ts';

const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
const components = buildPlatform(platform, catalogue);

describe('formatPlan', () => {
  it('lists each cluster with its components in sync-wave order', () => {
    const plan = formatPlan(platform, components);
    const edge = plan.slice(plan.indexOf('edge-1 (edge, arm64)'), plan.indexOf('core (cloud, amd64)'));
    expect(edge.indexOf('namespaces')).toBeLessThan(edge.indexOf('redis-edge'));
    expect(edge.indexOf('redis-edge')).toBeLessThan(edge.indexOf('inference-api'));
    expect(edge).not.toContain('mlflow');
    expect(plan).toContain('Fleet labels site=plant-a,millwright.io/cluster=edge-1,millwright.io/role=edge');
  });

  it("shows what each cluster's admission does with a policy violation", () => {
    expect(formatPlan(platform, components)).toContain('millwright.io/role=edge; admission Deny');
  });
});

describe('the edge inference API at the cloud MLflow (hybrid)', () => {
  it("creates the edge's MLflow credentials and the matching htpasswd line from the same generated values", () => {
    const script = formatSecretsScript(platform, components);
    expect(script).toContain('  generate MLFLOW_EDGE_PASSWORD "core: millwright-it/ingress-basic-auth"\n');
    expect(script).toContain(
      '  value_username="$MLFLOW_EDGE_USER"\n  value_password="$MLFLOW_EDGE_PASSWORD"\n' +
        '  kubectl -n millwright-ot create secret generic mlflow-client-credentials --from-literal=username="$value_username" --from-literal=password="$value_password"',
    );
    expect(script).toContain(
      '  value_users=$(htpasswd -nbB "$MLFLOW_EDGE_USER" "$MLFLOW_EDGE_PASSWORD")\n  kubectl -n millwright-it create secret generic ingress-basic-auth --from-literal=users="$value_users"',
    );
  });

  it('asks for the client Secret only where MLflow is on another cluster', () => {
    const cloudOnly = resolvePlatform(sampleConfig('cloud-only'), catalogue);
    const names = requiredSecrets(cloudOnly, buildPlatform(cloudOnly, catalogue)).map((s) => s.name);
    expect(names).not.toContain('mlflow-client-credentials');
    expect(formatSecretsScript(cloudOnly, buildPlatform(cloudOnly, catalogue))).not.toContain('htpasswd -nbB');
  });
});

describe("the cloud operator UI at the edge inference API's basic auth (hybrid)", () => {
  it('creates the UI client Secret on the cloud and the matching htpasswd line on the edge from the same generated values', () => {
    const secrets = requiredSecrets(platform, components).map((s) => `${s.cluster}/${s.namespace}/${s.name}`);
    expect(secrets).toContain('core/millwright-it/ui-api-client-credentials');
    expect(secrets).toContain('edge-1/millwright-ot/ingress-basic-auth');
    const script = formatSecretsScript(platform, components);
    expect(script).toContain(
      '  value_username="$UI_API_USER"\n  value_password="$UI_API_PASSWORD"\n' +
        '  kubectl -n millwright-it create secret generic ui-api-client-credentials --from-literal=username="$value_username" --from-literal=password="$value_password"',
    );
    expect(script).toContain(
      '  value_users=$(htpasswd -nbB "$UI_API_USER" "$UI_API_PASSWORD")\n  kubectl -n millwright-ot create secret generic ingress-basic-auth --from-literal=users="$value_users"',
    );
  });

  it.each(['edge-only', 'cloud-only'] as const)('asks for no UI client Secret where one cluster runs both (%s)', (topology) => {
    const resolved = resolvePlatform(sampleConfig(topology), catalogue);
    expect(requiredSecrets(resolved, buildPlatform(resolved, catalogue)).map((s) => s.name)).not.toContain('ui-api-client-credentials');
  });
});
