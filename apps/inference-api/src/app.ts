/**
 * The inference API as a Fastify plugin (fastify/demo's `app.ts`): external plugins first (CORS,
 * OpenAPI), then the serving state (models, feature store, inference log, metrics), then the
 * routes. `server.ts` owns the process: listening, timeouts, graceful shutdown. Tests register
 * this plugin on a Fastify instance built with {@link fastifyOptions} and drive it with `inject`.
 */
import { join } from 'node:path';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { ModelRegistry } from '@millwright/registry';
import type { FastifyError, FastifyInstance, FastifyServerOptions } from 'fastify';
import type { ServingConfig } from './config.ts';
import { createServingMetrics, type ServingMetrics } from './metrics.ts';
import { ModelCache } from './model/model-cache.ts';
import { ModelManager } from './model/model-manager.ts';
import { driftRoutes } from './routes/drift-routes.ts';
import { explainRoutes } from './routes/explain-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { modelRoutes } from './routes/model-routes.ts';
import { oipV2Routes } from './routes/oip-v2-routes.ts';
import { operatorRoutes } from './routes/operator-routes.ts';
import { predictRoutes } from './routes/predict-routes.ts';
import { adminSecuritySchemes } from './routes/admin-token.ts';
import { errorBody, statusOf } from './routes/error-reply.ts';
import { acceptJsonBodies } from './routes/request-bodies.ts';
import { DriftMonitor } from './serving/drift-monitor.ts';
import { MemoryFeatureStore, RedisFeatureStore, type FeatureStore } from './serving/feature-store.ts';
import { InferenceLog, openSqlClient, type SqlClient } from './serving/inference-log.ts';
import { Predictor } from './serving/predictor.ts';

/** What the plugin needs; everything from the environment arrives already parsed. */
export interface AppOptions {
  readonly config: ServingConfig;
  readonly registry: ModelRegistry;
  /** @default Redis when `config.redisUrl` is set, else an empty in-memory store */
  readonly featureStore?: FeatureStore;
  /** @default from `config.databaseUrl` (PGlite under `config.home` when unset) */
  readonly sqlClient?: SqlClient;
  /** The canary's dice. @default Math.random */
  readonly random?: () => number;
}

/** The serving state, decorated on the instance as `serving`. */
export interface ServingState {
  readonly config: ServingConfig;
  readonly manager: ModelManager;
  readonly predictor: Predictor;
  readonly featureStore: FeatureStore;
  readonly inferenceLog: InferenceLog;
  readonly metrics: ServingMetrics;
  readonly drift: DriftMonitor;
}

declare module 'fastify' {
  interface FastifyInstance {
    serving: ServingState;
  }
}

/**
 * The Fastify options the process entry and the tests share: body limit, timeouts, and a
 * trailing-slash-tolerant router (the hot routes turn per-request logging down themselves).
 */
export function fastifyOptions(config: ServingConfig, logger: FastifyServerOptions['logger'] = false): FastifyServerOptions {
  return {
    logger,
    bodyLimit: config.bodyLimitBytes,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.requestTimeoutMs,
    keepAliveTimeout: 72_000,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  };
}

/** Registers the inference API on `fastify`. */
async function inferenceApi(fastify: FastifyInstance, options: AppOptions): Promise<void> {
  const { config } = options;
  // First, so its onRoute hook completes every route's error replies before OpenAPI reads them.
  acceptJsonBodies(fastify);
  if (config.corsOrigins.length > 0) await fastify.register(cors, { origin: [...config.corsOrigins], methods: ['GET', 'POST'] });
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Millwright inference API', version: '1.0.0', description: 'Predictions from the registry champion; Open Inference Protocol v2.' },
      components: { securitySchemes: adminSecuritySchemes },
    },
  });

  const drift = new DriftMonitor();
  const metrics = createServingMetrics({
    featureDrift: () => {
      const status = drift.status(manager.champion);
      return status.judged ? status.features.map(({ feature, psi }) => ({ model: manager.modelName, feature, psi })) : [];
    },
  });
  const manager = new ModelManager({
    registry: options.registry,
    cache: new ModelCache(join(config.home, 'model-cache')),
    modelName: config.modelName,
    withChallenger: config.challengerMode !== 'off',
    metrics,
    log: { info: (message) => fastify.log.info(message), warn: (message) => fastify.log.warn(message) },
  });
  const sqlClient = options.sqlClient ?? (await openSqlClient(config.databaseUrl, join(config.home, 'inference-log')));
  const inferenceLog = new InferenceLog(sqlClient, {
    capacity: config.inferenceLogQueue,
    retention: config.inferenceLogRetention,
    onDrop: (reason, rows) => metrics.inferenceLogDropped.inc({ reason }, rows),
    onError: (error) => fastify.log.warn(`inference log: ${error.message}`),
  });
  metrics.inferenceLogDropped.inc({ reason: 'queue_full' }, 0);
  metrics.inferenceLogDropped.inc({ reason: 'database' }, 0);
  const featureStore = options.featureStore ?? (config.redisUrl ? new RedisFeatureStore(config.redisUrl) : new MemoryFeatureStore());
  const predictor = new Predictor({ manager, metrics, log: inferenceLog, drift, challengerMode: config.challengerMode, challengerWeight: config.challengerWeight, random: options.random });
  fastify.decorate('serving', { config, manager, predictor, featureStore, inferenceLog, metrics, drift } satisfies ServingState);

  fastify.addHook('onClose', async () => {
    await manager.close();
    await inferenceLog.close();
    await featureStore.close();
  });

  // HTTP metrics, with one cached child per route/method/status (label hashing once, not per request).
  const httpChildren = new Map<string, { duration: { observe(value: number): void }; requests: { inc(): void } }>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${route} ${request.method} ${reply.statusCode}`;
    let child = httpChildren.get(key);
    if (child === undefined) {
      const labels = { route, method: request.method, status: String(reply.statusCode) };
      child = { duration: metrics.httpDuration.labels(labels), requests: metrics.httpRequests.labels(labels) };
      httpChildren.set(key, child);
    }
    child.duration.observe(reply.elapsedTime / 1000);
    child.requests.inc();
    done();
  });

  // Every error is JSON naming what was wrong; never a stack trace (docs/style.md, "Errors name the problem").
  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(errorBody(error, status, request.url, config));
  });
  fastify.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}; see GET /openapi.json` }),
  );

  await fastify.register(healthRoutes);
  await fastify.register(predictRoutes);
  await fastify.register(explainRoutes);
  await fastify.register(modelRoutes);
  await fastify.register(driftRoutes);
  await fastify.register(oipV2Routes);
  await fastify.register(operatorRoutes, { registry: options.registry });

  // The first model is loaded before the server reports ready; failures leave it live, not ready.
  await manager.refresh();
  manager.startPolling(config.pollIntervalMs);
}

// Not encapsulated (what fastify-plugin does): the `serving` decoration and hooks reach the caller.
(inferenceApi as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export default inferenceApi;
