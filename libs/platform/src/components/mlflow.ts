import { env, httpProbe, secretEnv, service, deployment } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { cloudFirst } from '../model/placement.ts';
import type { ComponentDefinition, Endpoint } from '../model/types.ts';
import { mlflowStoreSecret } from './minio.ts';
import { edgeMlflowBasicAuthSecret, ingressBasicAuthSecret } from '../kube/ingress.ts';

// The `-full` variant carries psycopg2 and boto3, which the PostgreSQL backend store and the
// S3 artifact store need; the plain image lacks them (mlflow/mlflow#9513).
const image = { repository: 'ghcr.io/mlflow/mlflow', tag: 'v3.16.1-full' };

/**
 * The `mlflow server` command line: PostgreSQL backend store, artifacts proxied to MinIO
 * (`--serve-artifacts`), so clients need no S3 credentials of their own.
 */
export function mlflowServerCommand(options: { postgres: Endpoint; allowedHosts: readonly string[] }): string {
  return [
    'exec mlflow server',
    '--host 0.0.0.0',
    '--port 5000',
    '--workers 2',
    `--backend-store-uri "postgresql://mlflow:$DB_PASSWORD@${options.postgres.host}:${options.postgres.port}/mlflow"`,
    '--serve-artifacts',
    '--artifacts-destination s3://mlflow/artifacts',
    `--allowed-hosts "${options.allowedHosts.join(',')}"`,
  ].join(' ');
}

/** MLflow tracking server and model registry. */
export const mlflow: ComponentDefinition = {
  name: 'mlflow',
  description: 'MLflow tracking server and model registry (PostgreSQL backend, artifacts proxied to MinIO)',
  plane: 'it',
  wave: 'services',
  placement: cloudFirst,
  settings: ['replicas'],
  dependsOn: ['postgres', 'minio'],
  images: { mlflow: image },
  imageSource: 'MLflow project image on GHCR, -full variant (PostgreSQL and S3 drivers), multi-arch',
  ports: [{ name: 'http', port: 5000 }],
  flows: [
    { to: 'postgres', port: 'postgres' },
    { to: 'minio', port: 's3' },
  ],
  // In hybrid the edge inference API comes through the ingress too; its htpasswd line is generated
  // from the same values as its client Secret (`npm run gitops -- secrets`).
  secrets: [ingressBasicAuthSecret, edgeMlflowBasicAuthSecret],
  // MLflow has no login of its own: the ingress's basic auth guards the UI and the REST API.
  ingress: [{ host: 'mlflow', service: 'mlflow', servicePort: 5000, podPort: 5000, auth: 'basic-auth' }],
  edgeResources: { mlflow: resources('100m', '384Mi', '1', '768Mi') },
  build: (context) => {
    const namespace = context.namespace;
    // Clients in the cluster use the full Service name (`httpUrl`), e.g. the pipelines and the inference API.
    const allowedHosts = [`mlflow.${context.platform.domain}`, `mlflow.${namespace}.svc.cluster.local:5000`, `mlflow.${namespace}.svc:5000`, `mlflow.${namespace}:5000`, 'mlflow:5000', 'localhost:5000'];
    const s3 = context.endpoint('minio', 's3');
    return [
      service(context, { name: 'mlflow', workload: 'mlflow', ports: mlflow.ports }),
      deployment(context, {
        name: 'mlflow',
        replicas: context.settings.replicas ?? 1,
        pod: {
          containers: [
            {
              name: 'mlflow',
              image,
              command: ['/bin/sh', '-c', mlflowServerCommand({ postgres: context.endpoint('postgres', 'postgres'), allowedHosts })],
              ports: mlflow.ports,
              env: [
                env('HOME', '/tmp'),
                secretEnv('DB_PASSWORD', 'postgres-credentials', 'mlflow-password'),
                env('MLFLOW_S3_ENDPOINT_URL', `${s3.remote ? 'https' : 'http'}://${s3.host}:${s3.port}`),
                secretEnv('AWS_ACCESS_KEY_ID', mlflowStoreSecret, 'access-key'),
                secretEnv('AWS_SECRET_ACCESS_KEY', mlflowStoreSecret, 'secret-key'),
              ],
              startup: httpProbe('/health', 'http', { failureThreshold: 30, periodSeconds: 5 }),
              liveness: httpProbe('/health', 'http'),
              readiness: httpProbe('/health', 'http'),
              resources: resources('250m', '512Mi', '2', '1536Mi'),
              writableDirs: { '/tmp': '512Mi' },
            },
          ],
        },
      }),
    ];
  },
};
