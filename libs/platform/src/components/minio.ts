import { configMap, env, httpProbe, job, secretEnv, service, statefulSet } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { cloudFirst } from '../model/placement.ts';
import type { ComponentDefinition } from '../model/types.ts';

/** Buckets the platform uses; the bucket Job creates them, nobody clicks "Create bucket". */
export const platformBuckets = [
  { name: 'mlflow', purpose: 'MLflow artifacts (model.onnx, contract.json, reports)' },
  { name: 'datasets', purpose: 'training data snapshots' },
  { name: 'pipelines', purpose: 'Argo Workflows artifact repository' },
] as const;

// The last community release published as an image: MinIO stopped publishing community images
// in October 2025 (minio/minio#21647). See the README for what that means and the alternatives.
const serverImage = { repository: 'quay.io/minio/minio', tag: 'RELEASE.2025-09-07T16-13-09Z' };
const clientImage = { repository: 'quay.io/minio/mc', tag: 'RELEASE.2025-08-13T08-35-41Z' };

const rootSecret = 'minio-credentials';
export const mlflowStoreSecret = 'minio-mlflow-credentials';

/** An S3 policy that lets one user read and write one bucket and nothing else. */
export function bucketPolicy(bucket: string): string {
  const policy = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`] },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: [`arn:aws:s3:::${bucket}/*`] },
    ],
  };
  return `${JSON.stringify(policy, null, 2)}\n`;
}

/** The bucket Job's script: wait for MinIO, create the buckets, and MLflow's least-privilege user. */
export function bucketSetupScript(host: string): string {
  return [
    'set -eu',
    `export MC_HOST_store="http://$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD@${host}:9000"`,
    'until mc ls store >/dev/null 2>&1; do echo "waiting for MinIO"; sleep 3; done',
    ...platformBuckets.map((b) => `mc mb --ignore-existing store/${b.name}`),
    'mc admin policy create store mlflow-artifacts /policies/mlflow-artifacts.json',
    'mc admin user add store "$MLFLOW_ACCESS_KEY" "$MLFLOW_SECRET_KEY"',
    '# attach fails when the policy is already attached (a re-run); that is the state we want',
    'mc admin policy attach store mlflow-artifacts --user "$MLFLOW_ACCESS_KEY" || true',
    '',
  ].join('\n');
}

/** MinIO: S3-compatible object storage for artifacts and data sets, on premises. */
export const minio: ComponentDefinition = {
  name: 'minio',
  description: 'MinIO S3 object storage for model artifacts, data sets and pipeline artifacts; buckets created by a Job',
  plane: 'it',
  wave: 'data',
  placement: cloudFirst,
  settings: ['storage'],
  dependsOn: ['namespaces'],
  images: { minio: serverImage, mc: clientImage },
  imageSource: 'last community MinIO release on quay.io (no community images after Oct 2025; see README)',
  ports: [
    { name: 's3', port: 9000 },
    { name: 'console', port: 9001 },
  ],
  flows: [{ to: 'minio', port: 's3' }],
  secrets: [
    { name: rootSecret, keys: ['root-user', 'root-password'], description: 'MinIO root credentials (used only by the bucket Job)' },
    {
      name: mlflowStoreSecret,
      keys: ['access-key', 'secret-key'],
      description: "MLflow's own MinIO user, limited to the mlflow bucket",
    },
  ],
  edgeResources: { minio: resources('100m', '256Mi', '1', '512Mi') },
  build: (context) => {
    const rootEnv = [secretEnv('MINIO_ROOT_USER', rootSecret, 'root-user'), secretEnv('MINIO_ROOT_PASSWORD', rootSecret, 'root-password')];
    return [
      service(context, { name: 'minio', workload: 'minio', ports: minio.ports }),
      statefulSet(context, {
        name: 'minio',
        replicas: 1,
        serviceName: 'minio',
        claims: [{ name: 'data', storage: context.settings.storage ?? '20Gi', mountPath: '/data' }],
        pod: {
          runAsUser: 1000,
          fsGroup: 1000,
          containers: [
            {
              name: 'minio',
              image: serverImage,
              args: ['server', '/data', '--address', ':9000', '--console-address', ':9001', '--certs-dir', '/tmp/certs'],
              ports: minio.ports,
              env: [...rootEnv, env('MINIO_BROWSER_REDIRECT_URL', `https://minio.${context.platform.domain}`)],
              liveness: httpProbe('/minio/health/live', 's3'),
              readiness: httpProbe('/minio/health/ready', 's3'),
              resources: resources('250m', '512Mi', '2', '2Gi'),
              writableDirs: { '/tmp': '64Mi' },
            },
          ],
        },
      }),
      configMap(context, { name: 'minio-policies', data: { 'mlflow-artifacts.json': bucketPolicy('mlflow') } }),
      job(context, {
        name: 'minio-buckets',
        postSyncHook: true,
        pod: {
          volumes: [{ name: 'policies', configMap: { name: 'minio-policies' } }],
          containers: [
            {
              name: 'mc',
              image: clientImage,
              command: ['/bin/sh', '-c', bucketSetupScript('minio')],
              env: [
                ...rootEnv,
                secretEnv('MLFLOW_ACCESS_KEY', mlflowStoreSecret, 'access-key'),
                secretEnv('MLFLOW_SECRET_KEY', mlflowStoreSecret, 'secret-key'),
                env('MC_CONFIG_DIR', '/tmp/.mc'),
              ],
              resources: resources('50m', '64Mi', '500m', '128Mi'),
              writableDirs: { '/tmp': '32Mi' },
              volumeMounts: [{ name: 'policies', mountPath: '/policies', readOnly: true }],
            },
          ],
        },
      }),
    ];
  },
};
