/**
 * The whole loop on one machine, in one process (issue "Edge data plane and the local stack"):
 * the edge gateway with its embedded MQTT broker, the sensor simulator publishing to it, the
 * inference API serving the registry's champion (trained first when there is none), and the
 * operator UI on the API's origin. The gateway and the API share the in-memory feature store, so
 * `POST /predict {"machineId": ...}` answers from live telemetry. Every part switches to the real
 * service when its URL is set (MQTT_URL, DATABASE_URL, REDIS_URL, MLFLOW_TRACKING_URI). Without
 * ADMIN_TOKEN the stack makes one for the session, so promote and roll back work locally too.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadGatewayConfig, startGateway, type GatewayHandle } from '@millwright/edge-gateway';
import { MemoryFeatureStore } from '@millwright/feature-store';
import { fastifyOptions, inferenceApi, loadConfig, type FeatureStore } from '@millwright/inference-api';
import { registryFromEnv } from '@millwright/registry';
import { loadSimulatorConfig, startSimulator, type SimulatorHandle } from '@millwright/sensor-sim';
import Fastify, { type FastifyInstance } from 'fastify';
import { consoleLogger } from './console-logger.ts';
import { trainFirstModel, type TrainingRun } from './first-model.ts';
import { buildUi, uiBuildIsStale } from '@millwright/ui-build';
import { serveUi } from './ui-files.ts';

/** Options of {@link startLocalStack}. */
export interface LocalStackOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly workspaceRoot: string;
  readonly log: (line: string) => void;
}

/** The running stack. */
export interface LocalStack {
  /** The one URL: the UI, with the API on the same origin. */
  readonly url: string;
  readonly mqttUrl: string;
  /** The token the API's admin endpoints (promote, roll back) take: ADMIN_TOKEN, or one made for this session. */
  readonly adminToken: string;
  /** Whether {@link LocalStack.adminToken} was made for this session (ADMIN_TOKEN was unset). */
  readonly adminTokenGenerated: boolean;
  /** Stops the simulator, drains the gateway and the API, stops a running trainer. */
  close(): Promise<void>;
}

/** Simulated rows the first model trains on: enough for a useful model in a few seconds. */
const firstModelRows = 6000;

/**
 * The API reads what the gateway writes: the contract's inputs of the machine's latest reading,
 * and the list of machines (the UI's presets).
 */
function apiView(store: MemoryFeatureStore): FeatureStore & { machineIds(limit: number): Promise<string[]> } {
  return {
    get: async (machineId) => (await store.read(machineId))?.inputs,
    machineIds: (limit) => store.machineIds(limit),
    close: () => store.close(),
  };
}

/** Starts everything; resolves once the API serves a model and the UI is reachable. */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { env, workspaceRoot, log } = options;
  // A fresh random token per start, never written anywhere: it is as local as the session.
  const adminTokenGenerated = !env.ADMIN_TOKEN;
  const adminToken = env.ADMIN_TOKEN || randomBytes(18).toString('base64url');
  // Each part reads its settings from the environment; the stack only moves their side ports.
  const apiConfig = loadConfig({ ...env, ADMIN_TOKEN: adminToken }, workspaceRoot);
  const gatewayConfig = loadGatewayConfig({ ...env, PORT: env.GATEWAY_PORT ?? '0', EMBEDDED_MQTT_PORT: env.EMBEDDED_MQTT_PORT ?? '1883' }, workspaceRoot);

  const uiDir = join(workspaceRoot, 'dist', 'apps', 'ui');
  const uiBuild = uiBuildIsStale(workspaceRoot, uiDir) ? (log('building the operator UI ...'), buildUi(workspaceRoot, uiDir)) : Promise.resolve();
  // Awaited below; handled now so a build that fails early is reported there, not as an unhandled rejection.
  uiBuild.catch(() => undefined);

  const featureStore = new MemoryFeatureStore();
  const stopping: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of [...stopping].reverse()) await stop().catch((error: Error) => log(`while stopping: ${error.message}`));
  };
  try {
    const registry = registryFromEnv(env, workspaceRoot);
    // Training takes the longest, so it starts first and the rest comes up meanwhile.
    const champion = await registry.getVersionByAlias(apiConfig.modelName, 'champion').catch(() => undefined);
    let training: TrainingRun | undefined;
    if (champion === undefined) {
      log(`no champion of "${apiConfig.modelName}" in the registry yet: training the first model on ${firstModelRows} simulated processes ...`);
      training = trainFirstModel({ workspaceRoot, env, modelName: apiConfig.modelName, rows: firstModelRows, log: (line) => log(`trainer: ${line}`) });
      stopping.push(() => training!.stop());
    }

    const api: FastifyInstance = Fastify({ ...fastifyOptions(apiConfig), loggerInstance: consoleLogger((line) => log(`inference-api: ${line}`)) });
    stopping.push(() => api.close());
    await api.register(inferenceApi, { config: apiConfig, registry, featureStore: apiView(featureStore) });
    await uiBuild;
    let address = '';
    serveUi(api, uiDir, () => ({ apiUrl: address, refreshSeconds: 5 }));
    address = await api.listen({ port: apiConfig.port, host: apiConfig.host });
    const url = `${address}/`;

    const gateway: GatewayHandle = await startGateway({ ...gatewayConfig, inferenceApiUrl: gatewayConfig.inferenceApiUrl ?? address }, { featureStore, log: (line) => log(`gateway: ${line}`) });
    stopping.push(() => gateway.close());
    const simulator: SimulatorHandle = startSimulator(loadSimulatorConfig({ ...env, MQTT_URL: env.MQTT_URL ?? gateway.mqttUrl, PORT: '0' }), { log: (line) => log(`simulator: ${line}`) });
    stopping.push(() => simulator.close());

    if (training !== undefined) {
      await training.done;
      await api.serving.manager.refresh();
    }
    if (api.serving.manager.champion === undefined) throw new Error(`"${apiConfig.modelName}" has no loadable champion: ${api.serving.manager.lastErrors.join('; ') || 'see the log above'}`);
    return { url, mqttUrl: gateway.mqttUrl, adminToken, adminTokenGenerated, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
