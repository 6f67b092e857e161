import { ConfigMap, ServiceAccount } from 'kubernetes-models/v1';
import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { pipelines, renderArgoObjects, renderDagFiles, type ContainerSecurity, type PipelineFile, type PipelineSpec, type PipelineTarget, type PodSecurity } from '@millwright/pipelines';
import type { KubeObject } from '../kube/kube-object.ts';
import { imageReference, workloadLabels } from '../kube/workload.ts';
import { buildContext } from '../model/build-component.ts';
import { names } from '../model/names.ts';
import { cloudFirst, isDeployed } from '../model/placement.ts';
import type { BuildContext, ComponentDefinition, Platform } from '../model/types.ts';
import { chartNetworkPolicy, restrictedContainer, restrictedPod } from './chart-support.ts';
import { pipelinesStoreSecret } from './minio.ts';
import { httpUrl } from './own-app.ts';

/** The service account of the step pods Airflow starts: no Kubernetes API token. */
const stepServiceAccount = 'pipelines-step';
/** The service account of Argo workflows: its executor reports step results, the trigger step creates Workflows. */
const workflowServiceAccount = 'pipelines-workflow';
/** The ConfigMap Argo Workflows reads artifact repositories from (the controller's default name). */
const artifactRepositories = { configMap: 'artifact-repositories', key: 'minio' } as const;
/** The uid of the trainer image (apps/trainer/Dockerfile `USER 10001:10001`). */
const trainerUser = 10001;
const home = { path: '/tmp/millwright', sizeLimit: '2Gi' } as const;

function s3Url(context: BuildContext): string {
  const target = context.endpoint('minio', 's3');
  return target.remote ? `https://${target.host}` : `http://${target.host}:${target.port}`;
}

/**
 * Where and how the pipelines run on this platform: the trainer image pinned like every own app
 * (`ownImage`, promoted digests included), the `it` namespace, and the environment the trainer
 * reads. The database password comes as PGPASSWORD, which node-postgres reads by itself, so
 * DATABASE_URL carries none and needs no `$(VAR)` expansion (Airflow appends Secrets after
 * plain variables, where an expansion would find nothing).
 */
export function pipelineTarget(context: BuildContext): PipelineTarget {
  const postgres = context.endpoint('postgres', 'postgres');
  return {
    namespace: context.namespace,
    image: imageReference(context.ownImage('trainer')),
    stepServiceAccount,
    workflowServiceAccount,
    env: [
      { name: 'MILLWRIGHT_HOME', value: home.path },
      { name: 'MLFLOW_TRACKING_URI', value: httpUrl(context, 'mlflow', 'http') },
      { name: 'DATABASE_URL', value: `postgresql://telemetry@${postgres.host}:${postgres.port}/telemetry${postgres.remote ? '?sslmode=require' : ''}` },
      { name: 'PGPASSWORD', secret: { name: 'postgres-credentials', key: 'telemetry-password' } },
      // Each step runs in a fresh pod: the trainer pulls its run from here first and pushes it when done.
      { name: 'MILLWRIGHT_RUNS_URI', value: 's3://pipelines/runs' },
      { name: 'AWS_ENDPOINT_URL_S3', value: s3Url(context) },
      { name: 'AWS_ACCESS_KEY_ID', secret: { name: pipelinesStoreSecret, key: 'access-key' } },
      { name: 'AWS_SECRET_ACCESS_KEY', secret: { name: pipelinesStoreSecret, key: 'secret-key' } },
    ],
    podLabels: workloadLabels(context, 'trainer'),
    objectLabels: { [names.labels.partOf]: context.platform.name, [names.labels.managedBy]: names.managedBy, [names.labels.millwrightComponent]: context.component },
    podSecurityContext: restrictedPod(trainerUser) as unknown as PodSecurity,
    containerSecurityContext: restrictedContainer() as unknown as ContainerSecurity,
    home,
    artifactRepository: artifactRepositories,
    banner: names.banner,
  };
}

function rbac(context: BuildContext): KubeObject[] {
  const labels = workloadLabels(context, 'pipelines');
  const meta = (name: string) => ({ name, namespace: context.namespace, labels });
  return [
    new ServiceAccount({ metadata: meta(stepServiceAccount), automountServiceAccountToken: false }),
    new ServiceAccount({ metadata: meta(workflowServiceAccount) }),
    new Role({
      metadata: meta(workflowServiceAccount),
      rules: [
        // What Argo's executor needs (v3.4+): it reports each step's outputs as a WorkflowTaskResult.
        { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
        // The trigger step (drift-monitor's retrain) creates a Workflow from another WorkflowTemplate.
        { apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get'] },
      ],
    }),
    new RoleBinding({
      metadata: meta(workflowServiceAccount),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: workflowServiceAccount },
      subjects: [{ kind: 'ServiceAccount', name: workflowServiceAccount, namespace: context.namespace }],
    }),
  ].map((object) => object.toJSON() as unknown as KubeObject);
}

/** Argo's artifact repository on MinIO: the `pipelines` bucket, with the pipelines' own user. Step logs are archived there. */
function artifactRepositoryConfig(context: BuildContext): KubeObject {
  const s3 = context.endpoint('minio', 's3');
  const repository = {
    archiveLogs: true,
    s3: {
      bucket: 'pipelines',
      endpoint: s3.remote ? s3.host : `${s3.host}:${s3.port}`,
      insecure: !s3.remote,
      keyFormat: 'argo/{{workflow.name}}/{{pod.name}}',
      accessKeySecret: { name: pipelinesStoreSecret, key: 'access-key' },
      secretKeySecret: { name: pipelinesStoreSecret, key: 'secret-key' },
    },
  };
  return new ConfigMap({
    metadata: {
      name: artifactRepositories.configMap,
      namespace: context.namespace,
      labels: workloadLabels(context, 'pipelines'),
      annotations: { 'workflows.argoproj.io/default-artifact-repository': artifactRepositories.key },
    },
    // JSON is YAML; Argo reads the value as YAML.
    data: { [artifactRepositories.key]: `${JSON.stringify(repository, null, 2)}\n` },
  }).toJSON() as unknown as KubeObject;
}

/**
 * The pipelines of libs/pipelines (training, drift-monitor, ...) for Argo Workflows: a
 * WorkflowTemplate per pipeline and a CronWorkflow per scheduled one, their service accounts and
 * RBAC, and the artifact repository. The same specs render `dags/` for Airflow
 * ({@link renderPipelineDags}). The Argo Workflows controller and its CRDs come from the
 * argo-workflows component, synced first; kustomize builds these objects without them.
 */
export const pipelinesComponent: ComponentDefinition = {
  name: 'pipelines',
  description: 'Training and drift-monitoring pipelines: Argo WorkflowTemplates and CronWorkflows (and dags/ for Airflow) from the typed specs in libs/pipelines',
  plane: 'it',
  wave: 'apps',
  placement: cloudFirst,
  dependsOn: ['namespaces', 'postgres', 'minio', 'mlflow', 'argo-workflows'],
  images: { trainer: 'own' },
  imageSource: 'built from apps/trainer by CI for linux/amd64 and linux/arm64, pinned by digest on promotion; every pipeline step runs it',
  ports: [],
  flows: [
    { to: 'mlflow', port: 'http' },
    { to: 'minio', port: 's3' },
    { to: 'postgres', port: 'postgres' },
  ],
  secrets: [],
  build: (context) => [
    ...rbac(context),
    artifactRepositoryConfig(context),
    // Argo's executor (the `wait` container of every step pod) talks to the Kubernetes API.
    chartNetworkPolicy(context, { kubernetesApi: true }),
    ...renderArgoObjects(pipelines, pipelineTarget(context)),
  ],
};

/**
 * `dags/<pipeline>.py`: the same pipelines as Airflow DAG files, with the same target as the Argo
 * objects; nothing when the pipelines component is not deployed. A bad spec throws a
 * PipelineSpecError naming the spec file and step, which fails the render.
 */
export function renderPipelineDags(platform: Platform, catalogue: readonly ComponentDefinition[], specs: readonly PipelineSpec[] = pipelines): PipelineFile[] {
  const definition = catalogue.find((c) => c.name === pipelinesComponent.name);
  if (!definition || !isDeployed(platform, definition)) return [];
  return renderDagFiles(specs, pipelineTarget(buildContext(platform, catalogue, definition)), names.dagsRoot);
}
