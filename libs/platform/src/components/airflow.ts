import { Role, RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { ServiceAccount } from 'kubernetes-models/v1';
import { names } from '../model/names.ts';
import { resources } from '../kube/resources.ts';
import { workloadLabels } from '../kube/workload.ts';
import type { KubeObject } from '../kube/kube-object.ts';
import { cloudFirst } from '../model/placement.ts';
import type { BuildContext, ComponentDefinition } from '../model/types.ts';
import { appsKind, chartBasics, chartNetworkPolicy, chartNodeSelector, chartPodLabels, namespacedRbac, restrictedContainer, sizedFor } from './chart-support.ts';
import { anyObject, arrayOf, boolean, integer, resourcesSchema, string, stringMap, strictObject, valuesSchema, type Schema } from './values-schema.ts';

/**
 * Airflow 3.2.2, the default of chart 1.22.0 (airflow.apache.org/docs/helm-chart/1.22.0). Its
 * image's constraints install apache-airflow-providers-cncf-kubernetes 10.x, well above the 7.2
 * the generated DAGs need (`on_finish_action`, `container_resources`).
 */
export const airflowImage = { repository: 'docker.io/apache/airflow', tag: '3.2.2' } as const;

/** The Secrets the chart reads (key names fixed by the chart); none is rendered. */
export const airflowSecrets = {
  metadata: { name: 'airflow-metadata', key: 'connection' },
  fernet: { name: 'airflow-fernet-key', key: 'fernet-key' },
  api: { name: 'airflow-api-secret-key', key: 'api-secret-key' },
  jwt: { name: 'airflow-jwt-secret', key: 'jwt-secret' },
} as const;

/** The service account the scheduler runs as; with LocalExecutor it runs the tasks, which start the step pods. */
export const airflowPodLauncher = 'airflow-pod-launcher';

/** The Airflow image's user (uid 50000, group 0, as the official image documents). */
const airflowUser = 50000;

const sizes = {
  scheduler: { cloud: resources('200m', '768Mi', '2', '1536Mi'), edge: resources('100m', '512Mi', '1', '1Gi') },
  apiServer: { cloud: resources('100m', '512Mi', '1', '1Gi'), edge: resources('100m', '384Mi', '1', '768Mi') },
  dagProcessor: { cloud: resources('100m', '384Mi', '1', '768Mi'), edge: resources('50m', '256Mi', '500m', '512Mi') },
  triggerer: { cloud: resources('50m', '256Mi', '500m', '512Mi'), edge: resources('50m', '192Mi', '500m', '384Mi') },
  gitSync: { cloud: resources('10m', '32Mi', '200m', '128Mi'), edge: resources('10m', '32Mi', '200m', '128Mi') },
  migrateDatabaseJob: { cloud: resources('100m', '384Mi', '1', '768Mi'), edge: resources('100m', '256Mi', '1', '512Mi') },
};

/** git-sync's non-root user, as the chart sets it (`dags.gitSync.uid`). */
const gitSyncUser = 65533;

/**
 * Writable directories on the read-only root: `/tmp`, and `AIRFLOW_HOME`, where every `airflow`
 * command writes `webserver_config.py` on first start (`write_webserver_configuration_if_needed`
 * in airflow/configuration.py). The chart's own mounts (airflow.cfg, logs, dags) nest inside it.
 * git-sync gets its own `/tmp` (its HOME) so the two never share scratch space.
 */
const writableVolumes = [
  { name: 'airflow-tmp', emptyDir: { sizeLimit: '256Mi' } },
  { name: 'airflow-home', emptyDir: { sizeLimit: '64Mi' } },
  { name: 'git-sync-tmp', emptyDir: { sizeLimit: '64Mi' } },
];
const airflowWritableMounts = [
  { name: 'airflow-tmp', mountPath: '/tmp' },
  { name: 'airflow-home', mountPath: '/opt/airflow' },
];
const gitSyncWritableMounts = [{ name: 'git-sync-tmp', mountPath: '/tmp' }];

/** The container securityContext every chart container gets: restricted, read-only root. */
function airflowContainerSecurity(user: number): Record<string, unknown> {
  return { ...restrictedContainer(user), runAsGroup: 0 };
}

/**
 * git-sync of this repository's generated `dags/` folder (README "Pipelines"): the repository
 * and revision Argo CD and Fleet deploy from, so the DAGs always match the rendered tree.
 */
export function dagsGitSync(context: BuildContext): { enabled: true; repo: string; branch: string; subPath: string; period: string } {
  return { enabled: true, repo: context.platform.git.repoURL, branch: context.platform.git.revision, subPath: names.dagsRoot, period: '60s' };
}

/**
 * What the KubernetesPodOperator (cncf.kubernetes provider ≥ 7.2) does in the pipelines
 * namespace: create the step pod, watch it, read its log, delete or label it when it finishes,
 * and list its events to explain a failure. No exec (the DAGs push no XCom), no Secrets (the
 * kubelet resolves the step's secretKeyRefs).
 */
function podLauncherRbac(context: BuildContext): KubeObject[] {
  const labels = workloadLabels(context, airflowPodLauncher);
  const meta = { name: airflowPodLauncher, namespace: context.namespace, labels };
  return [
    new ServiceAccount({ metadata: meta }),
    new Role({
      metadata: meta,
      rules: [
        { apiGroups: [''], resources: ['pods'], verbs: ['create', 'get', 'list', 'watch', 'patch', 'delete'] },
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
      ],
    }),
    new RoleBinding({
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: airflowPodLauncher },
      subjects: [{ kind: 'ServiceAccount', name: airflowPodLauncher, namespace: context.namespace }],
    }),
  ].map((object) => object.toJSON() as unknown as KubeObject);
}

const containerContext = strictObject({ container: anyObject });
const logGroomerSidecar = strictObject({ enabled: boolean });

/** The schema of one chart workload's values (see `workload` in the values), plus its own keys. */
function workloadSchema(extra: Readonly<Record<string, Schema>>): Schema {
  return strictObject({
    labels: stringMap,
    nodeSelector: stringMap,
    resources: resourcesSchema,
    securityContexts: containerContext,
    waitForMigrations: strictObject({ securityContexts: containerContext }),
    ...extra,
  });
}

/**
 * Apache Airflow from the official chart `airflow` 1.22.0 (https://airflow.apache.org), running
 * the DAGs libs/pipelines generates into `dags/`, git-synced from this repository. LocalExecutor:
 * every task is already a pod of its own (KubernetesPodOperator), so a KubernetesExecutor worker
 * pod per task would only double the pods on a small K3s node. The metadata database is the
 * platform's PostgreSQL (`airflow` database and role); the connection, Fernet, API and JWT keys
 * come from Secrets. The chart's PostgreSQL, Redis, StatsD, PgBouncer and default-user job are
 * off (the job would create `admin`/`admin`); its pod-launching RBAC is replaced by
 * {@link podLauncherRbac}.
 */
export const airflow: ComponentDefinition = {
  name: 'airflow',
  description: 'Apache Airflow (official chart), LocalExecutor, DAGs git-synced from dags/, metadata on the platform PostgreSQL',
  plane: 'it',
  wave: 'services',
  placement: cloudFirst,
  dependsOn: ['namespaces', 'postgres'],
  images: { airflow: airflowImage },
  imageSource: "the Apache Airflow project's image on Docker Hub (multi-arch), the chart's default for 1.22.0; git-sync image as the chart pins it",
  ports: [{ name: 'api', port: 8080 }],
  flows: [{ to: 'postgres', port: 'postgres' }],
  secrets: [
    { name: airflowSecrets.metadata.name, keys: [airflowSecrets.metadata.key], description: 'postgresql://airflow:<airflow-password>@postgres.<namespace>.svc.cluster.local:5432/airflow (see README "Pipeline engines")' },
    { name: airflowSecrets.fernet.name, keys: [airflowSecrets.fernet.key], description: 'a Fernet key (32 url-safe base64 bytes) that encrypts connections in the metadata database' },
    { name: airflowSecrets.api.name, keys: [airflowSecrets.api.key], description: "the API server's session signing key" },
    { name: airflowSecrets.jwt.name, keys: [airflowSecrets.jwt.key], description: 'the key Airflow signs its task and API JWTs with' },
  ],
  // Airflow's auth manager has its own login (users created with `airflow users create`).
  ingress: [{ host: 'airflow', service: 'airflow-api-server', servicePort: 8080, podPort: 8080, auth: 'own-login' }],
  helm: {
    repoURL: 'https://airflow.apache.org',
    chart: 'airflow',
    version: '1.22.0',
    releaseName: 'airflow',
    values: (context, cluster) => {
      const container = airflowContainerSecurity(airflowUser);
      // Each chart workload: placement, labels, its size, and the restricted container context for
      // the main container, the wait-for-airflow-migrations init container (which takes the
      // component's `resources`; there is no key of its own) and the log groomer, switched off
      // because logs live in a size-limited emptyDir that goes with the pod.
      const workload = (size: keyof typeof sizes) => ({
        labels: chartPodLabels(context),
        nodeSelector: chartNodeSelector(cluster),
        resources: sizedFor(cluster, sizes[size]),
        securityContexts: { container },
        waitForMigrations: { securityContexts: { container } },
      });
      const withoutLogGroomer = (size: keyof typeof sizes) => ({ ...workload(size), logGroomerSidecar: { enabled: false } });
      return {
        fullnameOverride: 'airflow',
        airflowVersion: airflowImage.tag,
        defaultAirflowRepository: airflowImage.repository,
        defaultAirflowTag: airflowImage.tag,
        executor: 'LocalExecutor',
        uid: airflowUser,
        labels: chartPodLabels(context),
        securityContexts: {
          pod: { runAsNonRoot: true, runAsUser: airflowUser, runAsGroup: 0, fsGroup: 0, seccompProfile: { type: 'RuntimeDefault' } },
          containers: container,
        },
        volumes: writableVolumes,
        volumeMounts: airflowWritableMounts,
        postgresql: { enabled: false },
        redis: { enabled: false },
        statsd: { enabled: false },
        pgbouncer: { enabled: false },
        data: { metadataSecretName: airflowSecrets.metadata.name },
        fernetKeySecretName: airflowSecrets.fernet.name,
        apiSecretKeySecretName: airflowSecrets.api.name,
        jwtSecretName: airflowSecrets.jwt.name,
        createUserJob: { enabled: false },
        // The chart's Helm hooks would run the migration after install (Argo CD: PostSync), while
        // every Deployment waits for it in an init container: a deadlock. A plain Job that Argo CD
        // runs as a Sync hook instead, as the chart's values.yaml advises for Argo CD.
        migrateDatabaseJob: {
          useHelmHooks: false,
          jobAnnotations: { [names.annotations.argoHook]: 'Sync', [names.annotations.argoHookDeletePolicy]: 'BeforeHookCreation' },
          labels: chartPodLabels(context),
          nodeSelector: chartNodeSelector(cluster),
          resources: sizedFor(cluster, sizes.migrateDatabaseJob),
          securityContexts: { container },
        },
        rbac: { create: false },
        allowPodLaunching: false,
        // With LocalExecutor and worker persistence the chart makes the scheduler a StatefulSet
        // with a 100Gi log volume; logs stay in the pod's emptyDir instead.
        workers: { persistence: { enabled: false } },
        scheduler: { ...withoutLogGroomer('scheduler'), serviceAccount: { create: false, name: airflowPodLauncher } },
        apiServer: workload('apiServer'),
        dagProcessor: withoutLogGroomer('dagProcessor'),
        triggerer: { ...withoutLogGroomer('triggerer'), persistence: { enabled: false } },
        logs: { persistence: { enabled: false }, emptyDirConfig: { sizeLimit: '1Gi' } },
        dags: {
          persistence: { enabled: false },
          gitSync: {
            ...dagsGitSync(context),
            uid: gitSyncUser,
            securityContexts: { container: restrictedContainer(gitSyncUser) },
            extraVolumeMounts: gitSyncWritableMounts,
            resources: sizedFor(cluster, sizes.gitSync),
          },
        },
      };
    },
    // Keys checked against chart/values.yaml of apache/airflow (the chart line with Airflow 3.1;
    // 1.22.0 keeps them). `waitForMigrations` and `logGroomerSidecar` blocks and the global
    // `securityContexts.containers` (plural, unlike the per-component `container`) are as there.
    valuesSchema: valuesSchema('Airflow values generated by Millwright', {
      fullnameOverride: string,
      airflowVersion: string,
      defaultAirflowRepository: string,
      defaultAirflowTag: string,
      executor: { enum: ['LocalExecutor', 'KubernetesExecutor'] },
      uid: integer,
      labels: stringMap,
      securityContexts: strictObject({ pod: anyObject, containers: anyObject }),
      volumes: arrayOf(anyObject),
      volumeMounts: arrayOf(anyObject),
      postgresql: strictObject({ enabled: boolean }),
      redis: strictObject({ enabled: boolean }),
      statsd: strictObject({ enabled: boolean }),
      pgbouncer: strictObject({ enabled: boolean }),
      data: strictObject({ metadataSecretName: string }),
      fernetKeySecretName: string,
      apiSecretKeySecretName: string,
      jwtSecretName: string,
      createUserJob: strictObject({ enabled: boolean }),
      migrateDatabaseJob: strictObject({
        useHelmHooks: boolean,
        jobAnnotations: stringMap,
        labels: stringMap,
        nodeSelector: stringMap,
        resources: resourcesSchema,
        securityContexts: containerContext,
      }),
      rbac: strictObject({ create: boolean }),
      allowPodLaunching: boolean,
      workers: strictObject({ persistence: strictObject({ enabled: boolean }) }),
      scheduler: workloadSchema({ logGroomerSidecar, serviceAccount: strictObject({ create: boolean, name: string }) }),
      apiServer: workloadSchema({}),
      dagProcessor: workloadSchema({ logGroomerSidecar }),
      triggerer: workloadSchema({ logGroomerSidecar, persistence: strictObject({ enabled: boolean }) }),
      logs: strictObject({ persistence: strictObject({ enabled: boolean }), emptyDirConfig: strictObject({ sizeLimit: string }) }),
      dags: strictObject({
        persistence: strictObject({ enabled: boolean }),
        gitSync: strictObject({
          enabled: boolean,
          repo: string,
          branch: string,
          subPath: string,
          period: string,
          uid: integer,
          securityContexts: containerContext,
          extraVolumeMounts: arrayOf(anyObject),
          resources: resourcesSchema,
        }),
      }),
    }),
    kinds: {
      clusterScoped: [],
      namespaced: [
        ...chartBasics,
        appsKind('Deployment'),
        appsKind('StatefulSet'),
        { group: 'batch', kind: 'Job' },
        ...namespacedRbac,
      ],
    },
  },
  build: (context) => [...podLauncherRbac(context), chartNetworkPolicy(context, { kubernetesApi: true })],
};
