import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalRegistry, MlflowRegistry, localRegistryRoot, registryFromEnv } from '@millwright/registry';

describe('localRegistryRoot', () => {
  it('is .millwright/registry under the workspace by default', () => {
    expect(localRegistryRoot({}, '/repo')).toBe(join('/repo', '.millwright', 'registry'));
  });

  it('is $MILLWRIGHT_HOME/registry when MILLWRIGHT_HOME is set', () => {
    expect(localRegistryRoot({ MILLWRIGHT_HOME: '/var/lib/millwright' }, '/repo')).toBe(join('/var/lib/millwright', 'registry'));
  });
});

describe('registryFromEnv', () => {
  it('picks the local registry when MLFLOW_TRACKING_URI is unset or not http(s)', () => {
    expect(registryFromEnv({}, '/repo')).toBeInstanceOf(LocalRegistry);
    expect(registryFromEnv({ MLFLOW_TRACKING_URI: 'file:///mlruns' }, '/repo')).toBeInstanceOf(LocalRegistry);
  });

  it('picks MLflow when MLFLOW_TRACKING_URI is an http(s) URL', () => {
    expect(registryFromEnv({ MLFLOW_TRACKING_URI: 'http://mlflow.mlops.svc:5000', MLFLOW_TRACKING_TOKEN: 't' }, '/repo')).toBeInstanceOf(MlflowRegistry);
    expect(registryFromEnv({ MLFLOW_TRACKING_URI: 'https://mlflow.example.com', MLFLOW_S3_ENDPOINT_URL: 'http://minio:9000' }, '/repo')).toBeInstanceOf(MlflowRegistry);
  });
});
