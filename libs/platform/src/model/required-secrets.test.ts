import { describe, expect, it } from 'vitest';
import { catalogue } from '../components/catalogue.ts';
import { resolvePlatform } from '../config/resolve-platform.ts';
import { sampleConfig } from '../test-support/sample-configs.ts';
import { buildPlatform } from './build-component.ts';
import { requiredSecrets, secretKeySource, sharedValueNames, type RequiredSecret } from './required-secrets.ts';

const platform = resolvePlatform(sampleConfig('hybrid'), catalogue);
const secrets = requiredSecrets(platform, buildPlatform(platform, catalogue));
const secretNamed = (cluster: string, namespace: string, name: string): RequiredSecret => {
  const found = secrets.find((s) => s.cluster === cluster && s.namespace === namespace && s.name === name);
  if (!found) throw new Error(`no required Secret ${cluster}/${namespace}/${name}`);
  return found;
};

describe('requiredSecrets', () => {
  it('asks for each Secret on the cluster and namespace that use it', () => {
    const listed = secrets.map((s) => `${s.cluster}/${s.namespace}/${s.name}`);
    expect(listed).toContain('core/millwright-it/postgres-credentials');
    expect(listed).toContain('edge-1/millwright-ot/inference-api-credentials');
    expect(listed).not.toContain('edge-1/millwright-it/postgres-credentials');
  });

  it('merges one Secret that several components read into one entry naming them all', () => {
    expect(secretNamed('core', 'millwright-it', 'ingress-basic-auth').usedBy).toEqual(['mlflow', 'ui', 'argo-workflows']);
  });

  it('lists the Secrets in the order of the config’s clusters, then by namespace and name', () => {
    const clusters = secrets.map((s) => s.cluster);
    expect(clusters.lastIndexOf('edge-1')).toBeLessThan(clusters.indexOf('core'));
  });
});

describe('secretKeySource', () => {
  it('names the shared value a key holds', () => {
    expect(secretKeySource(secretNamed('core', 'millwright-it', 'postgres-credentials'), 'telemetry-password')).toEqual({ kind: 'shared', name: 'telemetry-database-password' });
  });

  it('says a key with no shared value is the Secret’s own', () => {
    expect(secretKeySource(secretNamed('core', 'millwright-it', 'postgres-credentials'), 'postgres-password')).toEqual({ kind: 'own' });
  });

  it('names the user and password an htpasswd line is built from', () => {
    expect(secretKeySource(secretNamed('core', 'millwright-it', 'ingress-basic-auth'), 'users')).toEqual({
      kind: 'htpasswd',
      userShared: 'mlflow-edge-user',
      passwordShared: 'mlflow-edge-password',
    });
  });
});

describe('sharedValueNames', () => {
  it('lists the shared values of a Secret’s keys and of its htpasswd lines, each once', () => {
    expect(sharedValueNames(secretNamed('edge-1', 'millwright-ot', 'inference-api-credentials'))).toEqual(['inference-database-password', 'feature-store-password']);
    expect(sharedValueNames(secretNamed('edge-1', 'millwright-ot', 'ingress-basic-auth'))).toEqual(['ui-api-user', 'ui-api-password']);
  });
});
