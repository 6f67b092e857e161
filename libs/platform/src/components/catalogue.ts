import type { ComponentDefinition } from '../model/types.ts';
import { edgeGateway, inferenceApi, sensorSim, ui } from './apps.ts';
import { minio } from './minio.ts';
import { mlflow } from './mlflow.ts';
import { mosquitto } from './mosquitto.ts';
import { namespaces } from './namespaces.ts';
import { nodeRed } from './node-red.ts';
import { postgres } from './postgres.ts';
import { redisCloud, redisEdge } from './redis.ts';

/** Every component the platform knows, in render order. */
export const catalogue: readonly ComponentDefinition[] = [
  namespaces,
  postgres,
  minio,
  redisEdge,
  redisCloud,
  mosquitto,
  mlflow,
  inferenceApi,
  edgeGateway,
  sensorSim,
  nodeRed,
  ui,
];
