import { configMap, env, httpProbe, job, secretEnv, service, statefulSet } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { cloudFirst } from '../model/placement.ts';
import type { ComponentDefinition } from '../model/types.ts';

/** Buckets the platform uses; the bucket Job creates them, nobody clicks "Create bucket". */
export const platformBuckets = [
  { name: 'mlflow', purpose: 'MLflow artifacts (model.onnx, contract.json, reports)' },
  { name: 'datasets', purpose: 'training data snapshots' },
  { name: 'pipelines', purpose: 'pipeline runs (the trainer steps\' run directories) and the Argo Workflows artifact repository (step logs)' },
] as const;

// The last community release published as an image: MinIO stopped publishing community images
// in October 2025 (minio/minio#21647). See the README for what that means and the alternatives.
const serverImage = { repository: 'quay.io/minio/minio', tag: 'RELEASE.2025-09-07T16-13-09Z' };
const clientImage = { repository: 'quay.io/minio/mc', tag: 'RELEASE.2025-08-13T08-35-41Z' };

const rootSecret = 'minio-credentials';
export const mlflowStoreSecret = 'minio-mlflow-credentials';
/** The pipelines' MinIO user (trainer run state, Argo step logs), limited to the pipelines bucket. */
export const pipelinesStoreSecret = 'minio-pipelines-credentials';

/** MinIO users the bucket Job creates, each limited to one bucket by its policy; keys come from `<prefix>_ACCESS_KEY`/`_SECRET_KEY`. */
const serviceUsers = [
  { envPrefix: 'MLFLOW', policy: 'mlflow-artifacts', bucket: 'mlflow', secret: mlflowStoreSecret },
  { envPrefix: 'PIPELINES', policy: 'pipelines-runs', bucket: 'pipelines', secret: pipelinesStoreSecret },
] as const;

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

/** The bucket Job's script: wait for MinIO, create the buckets, and the least-privilege users of MLflow and the pipelines. */
export function bucketSetupScript(host: string): string {
  return [
    'set -eu',
    `export MC_HOST_store="http://$MINIO_ROOT_USER:$MINIO_ROOT_PASSWORD@${host}:9000"`,
    'until mc ls store >/dev/null 2>&1; do echo "waiting for MinIO"; sleep 3; done',
    ...platformBuckets.map((b) => `mc mb --ignore-existing store/${b.name}`),
    '# attach fails when the policy is already attached (a re-run); that is the state we want',
    ...serviceUsers.flatMap((u) => [
      `mc admin policy create store ${u.policy} /policies/${u.policy}.json`,
      `mc admin user add store "$${u.envPrefix}_ACCESS_KEY" "$${u.envPrefix}_SECRET_KEY"`,
      `mc admin policy attach store ${u.policy} --user "$${u.envPrefix}_ACCESS_KEY" || true`,
    ]),
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
    {
      name: pipelinesStoreSecret,
      keys: ['access-key', 'secret-key'],
      description: "the pipelines' own MinIO user, limited to the pipelines bucket (run state, step logs)",
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
      configMap(context, { name: 'minio-policies', data: Object.fromEntries(serviceUsers.map((u) => [`${u.policy}.json`, bucketPolicy(u.bucket)])) }),
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
                ...serviceUsers.flatMap((u) => [
                  secretEnv(`${u.envPrefix}_ACCESS_KEY`, u.secret, 'access-key'),
                  secretEnv(`${u.envPrefix}_SECRET_KEY`, u.secret, 'secret-key'),
                ]),
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
