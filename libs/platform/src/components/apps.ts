import type { IEnvVar } from 'kubernetes-models/v1';
import { edgeMlflowClient, edgeMlflowClientSecret, uiApiClient } from '../kube/ingress.ts';
import { env, secretEnv } from '../kube/workload.ts';
import { resources } from '../kube/resources.ts';
import { cloudFirst, edgeFirst } from '../model/placement.ts';
import { mqttClientEnv } from './mosquitto.ts';
import { featureStoreEnv, httpUrl, ownApp, ownAppPort, postgresUrl } from './own-app.ts';
import { uiAndApiShareOrigin, uiApiPathPrefix } from './own-app-routes.ts';
import type { BuildContext } from '../model/types.ts';

/** Apps use the edge feature store where there is an edge, else the cloud one (see featureStoreName). */
const featureStoreFlows = [
  { to: 'redis-edge', port: 'redis', topologies: ['edge-only', 'hybrid'] },
  { to: 'redis-cloud', port: 'redis', topologies: ['cloud-only'] },
] as const;

/**
 * The registry's address and, when MLflow runs on another cluster (the cloud, in hybrid), the
 * basic-auth credentials its ingress asks for, which MLflow's clients and ours read from
 * `MLFLOW_TRACKING_USERNAME`/`MLFLOW_TRACKING_PASSWORD` (libs/registry registry-from-env.ts).
 */
function mlflowClientEnv(context: BuildContext): IEnvVar[] {
  const remote = context.endpoint('mlflow', 'http').remote;
  return [
    env('MLFLOW_TRACKING_URI', httpUrl(context, 'mlflow', 'http')),
    ...(remote
      ? [
          secretEnv('MLFLOW_TRACKING_USERNAME', edgeMlflowClient.secret, 'username'),
          secretEnv('MLFLOW_TRACKING_PASSWORD', edgeMlflowClient.secret, 'password'),
        ]
      : []),
  ];
}

/** The operator UI's origin: `https://ui.<domain>`. */
function uiOrigin(context: BuildContext): string {
  return `https://ui.${context.platform.domain}`;
}

/**
 * Where the UI's browser code calls the inference API (the UI's `API_URL`; it requests
 * `${API_URL}/predict` and so on): always `https://ui.<domain>/api`, the UI's own origin, so no
 * browser request is cross-origin and no CORS preflight meets the ingress's basic auth. Traefik
 * sends it to the API where one cluster runs both; in hybrid the UI's nginx proxies it to the
 * edge (see {@link uiApiUpstreamEnv}).
 */
export function uiApiUrl(context: BuildContext): string {
  return `${uiOrigin(context)}${uiApiPathPrefix}`;
}

/**
 * In hybrid, where the API runs on the edge and no one Traefik serves both: the edge API's
 * ingress address and the credentials its basic auth asks for, which the UI image's nginx adds
 * to what it proxies (apps/ui/docker/write-runtime-config.sh). Elsewhere nothing.
 */
function uiApiUpstreamEnv(context: BuildContext): IEnvVar[] {
  if (!context.isDeployed('inference-api') || uiAndApiShareOrigin(context)) return [];
  return [
    env('API_UPSTREAM', httpUrl(context, 'inference-api', ownAppPort.name)),
    secretEnv('API_UPSTREAM_USERNAME', uiApiClient.secret, 'username'),
    secretEnv('API_UPSTREAM_PASSWORD', uiApiClient.secret, 'password'),
  ];
}

/** The model-serving API: ONNX Runtime, Open Inference Protocol v2, metrics, inference log. */
export const inferenceApi = ownApp({
  name: 'inference-api',
  description: "Serves the registry's champion model (ONNX Runtime, Open Inference Protocol v2), logs every inference",
  plane: 'ot',
  placement: edgeFirst,
  dependsOn: ['namespaces', 'postgres', 'mlflow'],
  flows: [{ to: 'mlflow', port: 'http' }, { to: 'postgres', port: 'postgres' }, ...featureStoreFlows],
  secrets: [
    {
      name: 'inference-api-credentials',
      keys: ['database-password', 'redis-password', 'admin-token'],
      description: 'the inference role password, the feature store password, the admin token for reload/promote',
      shared: { 'database-password': 'inference-database-password', 'redis-password': 'feature-store-password' },
    },
    edgeMlflowClientSecret,
    uiApiClient.serverSecret,
  ],
  livenessPath: '/v2/health/live',
  readinessPath: '/v2/health/ready',
  resources: resources('250m', '256Mi', '2', '1Gi'),
  edgeResources: resources('200m', '192Mi', '1500m', '512Mi'),
  defaultReplicas: 2,
  env: (context) => [
    ...mlflowClientEnv(context),
    secretEnv('DATABASE_PASSWORD', 'inference-api-credentials', 'database-password'),
    env('DATABASE_URL', postgresUrl(context, 'inference', 'DATABASE_PASSWORD')),
    ...featureStoreEnv(context, 'inference-api-credentials'),
    secretEnv('ADMIN_TOKEN', 'inference-api-credentials', 'admin-token'),
    env('MILLWRIGHT_HOME', '/tmp/millwright'),
  ],
});

/** The operator UI: predict form, batch scoring, models, monitoring. */
export const ui = ownApp({
  name: 'ui',
  description: 'Operator UI (React): predict, batch scoring, models, monitoring',
  plane: 'it',
  placement: cloudFirst,
  dependsOn: ['namespaces'],
  // Only in hybrid does the UI's own pod call the API (its nginx proxies /api to the edge);
  // elsewhere the browser's calls go through Traefik, which admits them as it does every route.
  flows: [{ to: 'inference-api', port: ownAppPort.name, topologies: ['hybrid'] }],
  secrets: [uiApiClient.clientSecret],
  livenessPath: '/healthz',
  readinessPath: '/healthz',
  resources: resources('50m', '64Mi', '500m', '128Mi'),
  env: (context) => [env('API_URL', uiApiUrl(context)), ...uiApiUpstreamEnv(context)],
});

/** MQTT to PostgreSQL and feature-store ingestion, online scoring and alerts at the edge. */
export const edgeGateway = ownApp({
  name: 'edge-gateway',
  description: 'MQTT ingestion into PostgreSQL and the feature store, online scoring, alerts',
  plane: 'ot',
  placement: edgeFirst,
  dependsOn: ['namespaces', 'postgres', 'mosquitto'],
  flows: [
    { to: 'postgres', port: 'postgres' },
    { to: 'inference-api', port: ownAppPort.name },
    ...featureStoreFlows,
    { to: 'mosquitto', port: 'mqtt' },
  ],
  secrets: [
    {
      name: 'edge-gateway-credentials',
      keys: ['database-password', 'redis-password', 'mqtt-password'],
      description: 'the telemetry role password, the feature store password, the MQTT password',
      shared: { 'database-password': 'telemetry-database-password', 'redis-password': 'feature-store-password' },
    },
  ],
  livenessPath: '/healthz',
  readinessPath: '/readyz',
  resources: resources('200m', '192Mi', '2', '512Mi'),
  edgeResources: resources('100m', '128Mi', '1', '384Mi'),
  env: (context) => [
    secretEnv('DATABASE_PASSWORD', 'edge-gateway-credentials', 'database-password'),
    env('DATABASE_URL', postgresUrl(context, 'telemetry', 'DATABASE_PASSWORD')),
    ...featureStoreEnv(context, 'edge-gateway-credentials'),
    env('INFERENCE_API_URL', httpUrl(context, 'inference-api', ownAppPort.name)),
    ...mqttClientEnv(context),
    secretEnv('MQTT_PASSWORD', 'edge-gateway-credentials', 'mqtt-password'),
  ],
});

/** Simulated machines publishing telemetry over MQTT (AI4I 2020 physics). */
export const sensorSim = ownApp({
  name: 'sensor-sim',
  description: 'Simulated machines publishing AI4I-2020-style telemetry over MQTT',
  plane: 'ot',
  placement: edgeFirst,
  dependsOn: ['namespaces', 'mosquitto'],
  flows: [{ to: 'mosquitto', port: 'mqtt' }],
  secrets: [{ name: 'sensor-sim-credentials', keys: ['mqtt-password'], description: 'the MQTT password of the simulator' }],
  livenessPath: '/healthz',
  readinessPath: '/healthz',
  resources: resources('50m', '64Mi', '500m', '192Mi'),
  env: (context) => [env('MACHINES', '10'), ...mqttClientEnv(context), secretEnv('MQTT_PASSWORD', 'sensor-sim-credentials', 'mqtt-password')],
});
