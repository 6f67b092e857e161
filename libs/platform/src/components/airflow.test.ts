import { describe, expect, it } from 'vitest';
import { names } from '../model/names.ts';
import { buildSample, componentNamed } from '../test-support/rendered-platform.ts';
import { airflowPodLauncher } from './airflow.ts';

const config = { git: { repoURL: 'https://git.example.com/acme/plant.git', revision: 'release-7' } };
const airflow = componentNamed(buildSample('hybrid', config), 'airflow');
const values = airflow.helmValues!['core']! as Record<string, Record<string, unknown>>;

describe('the airflow component', () => {
  it("git-syncs the generated dags/ folder from the config's repository and revision", () => {
    expect(values['dags']!['gitSync']).toMatchObject({ enabled: true, repo: 'https://git.example.com/acme/plant.git', branch: 'release-7', subPath: 'dags' });
    expect(names.dagsRoot).toBe('dags');
  });

  it('runs the LocalExecutor (every task is already a pod of its own) on the cloud cluster of a hybrid platform', () => {
    expect(values['executor']).toBe('LocalExecutor');
    expect(airflow.clusters.map((c) => c.role)).toEqual(['cloud']);
  });

  it('keeps its metadata on the platform PostgreSQL and its keys in Secrets, never in values', () => {
    expect(values['postgresql']).toEqual({ enabled: false });
    expect(values['data']).toEqual({ metadataSecretName: 'airflow-metadata' });
    expect([values['fernetKeySecretName'], values['apiSecretKeySecretName'], values['jwtSecretName']]).toEqual(['airflow-fernet-key', 'airflow-api-secret-key', 'airflow-jwt-secret']);
    expect(values['createUserJob']).toEqual({ enabled: false });
    expect(JSON.stringify(values)).not.toMatch(/"(password|fernetKey|apiSecretKey|jwtSecret)"\s*:/);
  });

  it('pins the Airflow image whose cncf.kubernetes provider runs the generated DAGs', () => {
    expect([values['defaultAirflowRepository'], values['defaultAirflowTag'], values['airflowVersion']]).toEqual(['docker.io/apache/airflow', '3.2.2', '3.2.2']);
  });

  it('lets the scheduler start step pods in the pipelines namespace the DAGs name, and nothing more', () => {
    expect(values['scheduler']!['serviceAccount']).toEqual({ create: false, name: airflowPodLauncher });
    expect(values['rbac']).toEqual({ create: false });
    const role = airflow.objects.find((o) => o.kind === 'Role')!;
    const pipelinesNamespace = componentNamed(buildSample('hybrid', config), 'pipelines').namespace;
    expect(role.metadata.namespace).toBe(pipelinesNamespace);
    expect(role['rules']).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] },
      { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
      { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
    ]);
    const binding = airflow.objects.find((o) => o.kind === 'RoleBinding')!;
    expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: airflowPodLauncher, namespace: pipelinesNamespace }]);
  });
});
