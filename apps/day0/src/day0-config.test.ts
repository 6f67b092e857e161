import { describe, expect, it } from 'vitest';
import { buildPlatform, catalogue, requiredSecrets, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { Day0ConfigError, parseDay0Config, type RawStackConfig } from './day0-config.ts';

const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
const secrets = requiredSecrets(platform, buildPlatform(platform, catalogue));
const valid: RawStackConfig = {
  engine: 'argocd',
  managementContext: 'k3s-core',
  clusters: { 'edge-1': { context: 'k3s-edge', server: 'https://10.0.0.5:6443' }, core: { context: 'k3s-core' } },
};

/** The problems parseDay0Config reports for `raw`, one `field: message` each. */
function problems(raw: RawStackConfig): string[] {
  try {
    parseDay0Config(raw, platform, secrets);
  } catch (error) {
    if (error instanceof Day0ConfigError) return error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    throw error;
  }
  throw new Error('expected the stack config to be refused');
}

describe('parseDay0Config', () => {
  it('accepts a config that names a context for every cluster, with no values to give', () => {
    expect(parseDay0Config(valid, platform, secrets)).toEqual({
      engine: 'argocd',
      managementContext: 'k3s-core',
      clusters: { 'edge-1': { context: 'k3s-edge', server: 'https://10.0.0.5:6443' }, core: { context: 'k3s-core' } },
      shared: {},
      values: {},
    });
  });

  it('reports every problem at once, each with the command that fixes it', () => {
    const error = (() => {
      try {
        parseDay0Config({ clusters: { core: { context: 'k3s-core' }, lab: { context: 'x' } } }, platform, secrets);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a Day0ConfigError');
    })();
    expect(error.message).toBe(
      [
        'Pulumi stack config (Pulumi.<stack>.yaml): 4 problems',
        '  engine: must be argocd or fleet, got null: pulumi config set engine argocd',
        '  managementContext: is missing: the kubeconfig context of the cluster Argo CD runs on (or of Rancher, for Fleet): pulumi config set managementContext <context>',
        "  clusters.lab: is not a cluster of platform.config.ts (its clusters: edge-1, core); remove it: pulumi config rm --path 'clusters.lab'",
        "  clusters.edge-1.context: is missing: pulumi config set --path 'clusters.edge-1.context' <kubeconfig context>",
      ].join('\n'),
    );
  });

  it('asks for the API server of a cluster Argo CD reaches by name, unless it is the management cluster', () => {
    const clusters = { 'edge-1': { context: 'k3s-edge' }, core: { context: 'k3s-core' } };
    expect(problems({ ...valid, clusters })).toEqual([
      "clusters.edge-1.server: is missing: Argo CD reaches cluster edge-1 by name (argocd.name in platform.config.ts), so give the API server URL the management cluster reaches it at: pulumi config set --path 'clusters.edge-1.server' https://<host>:6443",
    ]);
    expect(() => parseDay0Config({ ...valid, managementContext: 'k3s-edge', clusters }, platform, secrets)).not.toThrow();
    expect(() => parseDay0Config({ ...valid, engine: 'fleet', clusters }, platform, secrets)).not.toThrow();
  });

  it('refuses two clusters at one kubeconfig context', () => {
    expect(problems({ ...valid, clusters: { 'edge-1': { context: 'k3s-core', server: 'https://10.0.0.5:6443' }, core: { context: 'k3s-core' } } })).toEqual([
      'clusters.core.context: k3s-core is also the context of cluster edge-1: each cluster of platform.config.ts is a cluster of its own, with a context of its own',
    ]);
  });

  it('refuses an API server that is not an https URL', () => {
    expect(problems({ ...valid, clusters: { ...(valid.clusters as object), core: { context: 'k3s-core', server: 'http://core:6443' } } })).toEqual([
      'clusters.core.server: must be an https:// URL of the cluster\'s API server, got "http://core:6443"',
    ]);
  });

  it('takes the values the stack config gives, by shared name and by cluster, namespace, Secret and key', () => {
    const parsed = parseDay0Config(
      { ...valid, shared: { 'feature-store-password': 'abc' }, values: { core: { 'millwright-it': { 'minio-credentials': { 'root-user': 'admin' } } } } },
      platform,
      secrets,
    );
    expect(parsed.shared).toEqual({ 'feature-store-password': 'abc' });
    expect(parsed.values).toEqual({ 'core/millwright-it/minio-credentials': { 'root-user': 'admin' } });
  });

  it('names the Secrets that do exist when a value is given for one that does not', () => {
    const [problem] = problems({ ...valid, values: { 'edge-1': { 'millwright-it': { 'postgres-credentials': { 'postgres-password': 'x' } } } } });
    expect(problem).toMatch(/^values\.edge-1\.millwright-it\.postgres-credentials: no Secret postgres-credentials in namespace millwright-it on cluster edge-1 \(the Secrets there: edge-1\/millwright-governance\/telemetry-push-credentials, /);
  });

  it('refuses a key the Secret does not have, and a shared value set for one Secret only', () => {
    expect(
      problems({ ...valid, values: { core: { 'millwright-it': { 'postgres-credentials': { 'root-password': 'x', 'telemetry-password': 'y' } } } } }),
    ).toEqual([
      'values.core.millwright-it.postgres-credentials.root-password: is not a key of postgres-credentials (its keys: postgres-password, telemetry-password, inference-password, mlflow-password, airflow-password)',
      "values.core.millwright-it.postgres-credentials.telemetry-password: holds the value other Secrets share as telemetry-database-password: set it once for all of them: pulumi config set --secret --path 'shared.telemetry-database-password' <value>",
    ]);
  });

  it('refuses a shared value no Secret shares, and an empty one', () => {
    expect(problems({ ...valid, shared: { 'redis-password': 'x', 'ui-api-user': '' } })).toEqual([
      'shared.redis-password: is not a value any Secret of this platform shares (they are: airflow-database-password, feature-store-password, inference-database-password, mlflow-database-password, mlflow-edge-password, mlflow-edge-user, telemetry-database-password, ui-api-password, ui-api-user)',
      'shared.ui-api-user: must be a non-empty string; leave it unset to have it generated',
    ]);
  });

  it('refuses Secret values stored in plain text', () => {
    expect(problems({ ...valid, shared: { 'ui-api-user': 'x' }, plaintextKeys: ['shared'] })).toEqual([
      'shared: holds Secret values in plain text: remove it (pulumi config rm shared) and set each value again with --secret',
    ]);
  });
});
