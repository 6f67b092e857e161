import type { ComponentDefinition } from '../model/types.ts';
import { admissionPolicies } from './admission-policies.ts';
import { airflow } from './airflow.ts';
import { alloy } from './alloy.ts';
import { argoWorkflows } from './argo-workflows.ts';
import { edgeGateway, inferenceApi, sensorSim, ui } from './apps.ts';
import { jupyter } from './jupyter.ts';
import { kubePrometheusStack } from './kube-prometheus-stack.ts';
import { loadTest } from './load-test.ts';
import { loki } from './loki.ts';
import { metallb } from './metallb.ts';
import { minio } from './minio.ts';
import { mlflow } from './mlflow.ts';
import { mosquitto } from './mosquitto.ts';
import { namespaces } from './namespaces.ts';
import { nodeRed } from './node-red.ts';
import { withOwnAppRoutes } from './own-app-routes.ts';
import { pipelinesComponent } from './pipelines.ts';
import { postgres } from './postgres.ts';
import { prometheusAgent } from './prometheus-agent.ts';
import { redisCloud, redisEdge } from './redis.ts';
import { seldonCore } from './seldon-core.ts';

/** Every component the platform knows, in render order. */
export const catalogue: readonly ComponentDefinition[] = [
  namespaces,
  admissionPolicies,
  postgres,
  minio,
  redisEdge,
  redisCloud,
  mosquitto,
  mlflow,
  kubePrometheusStack,
  prometheusAgent,
  loki,
  alloy,
  withOwnAppRoutes(inferenceApi),
  edgeGateway,
  sensorSim,
  nodeRed,
  withOwnAppRoutes(ui),
  argoWorkflows,
  airflow,
  pipelinesComponent,
  loadTest,
  seldonCore,
  jupyter,
  metallb,
];
