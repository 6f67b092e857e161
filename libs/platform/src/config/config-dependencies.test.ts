import { describe, expect, it } from 'vitest';
import { catalogue, resolvePlatform } from '@millwright/platform';
import { sampleConfig } from '@millwright/platform/testing';
import { configRejection } from '../test-support/config-rejection.ts';

describe('a component whose dependency is disabled', () => {
  const withoutPostgres = { ...sampleConfig('hybrid'), components: { postgres: { enabled: false } } };

  it('is reported at the enabled component that needs it', () => {
    const fields = configRejection(withoutPostgres).issues.map((issue) => issue.field);

    expect(fields).toContain('components.mlflow');
  });

  it('offers to enable the dependency or disable the component', () => {
    const mlflow = configRejection(withoutPostgres).issues.find((issue) => issue.field === 'components.mlflow');

    expect(mlflow?.message).toBe(
      'depends on "postgres", which is disabled: enable it (components.postgres.enabled: true) or disable mlflow (components.mlflow.enabled: false).',
    );
  });

  it('is reported for every enabled component that needs it', () => {
    const fields = configRejection(withoutPostgres).issues.map((issue) => issue.field);

    expect(fields).toEqual(['components.mlflow', 'components.inference-api', 'components.edge-gateway', 'components.airflow', 'components.pipelines']);
  });

  it('is not reported once the dependants are disabled too', () => {
    const components = {
      postgres: { enabled: false },
      mlflow: { enabled: false },
      'inference-api': { enabled: false },
      'edge-gateway': { enabled: false },
      minio: { enabled: false },
      pipelines: { enabled: false },
      airflow: { enabled: false },
      'load-test': { enabled: false },
      'argo-workflows': { enabled: false },
    };

    expect(resolvePlatform({ ...sampleConfig('hybrid'), components }, catalogue).components['postgres']).toEqual({ enabled: false });
  });
});
