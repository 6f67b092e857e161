import type { ComponentDefinition } from '../model/types.ts';
import { admissionPolicies } from './admission-policies.ts';
import { alloy } from './alloy.ts';
import { edgeGateway, inferenceApi, sensorSim, ui } from './apps.ts';
import { kubePrometheusStack } from './kube-prometheus-stack.ts';
import { loki } from './loki.ts';
import { minio } from './minio.ts';
import { mlflow } from './mlflow.ts';
import { mosquitto } from './mosquitto.ts';
import { namespaces } from './namespaces.ts';
import { nodeRed } from './node-red.ts';
import { pipelinesComponent } from './pipelines.ts';
import { postgres } from './postgres.ts';
import { prometheusAgent } from './prometheus-agent.ts';
import { redisCloud, redisEdge } from './redis.ts';

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
  inferenceApi,
  edgeGateway,
  sensorSim,
  nodeRed,
  ui,
  pipelinesComponent,
];
