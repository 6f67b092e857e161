/**
 * The process entry (`npm run api`; the image's ENTRYPOINT): reads the configuration once, builds
 * the Fastify server with its timeouts, registers the app plugin and listens. On SIGTERM/SIGINT it
 * stops accepting connections, drains in-flight requests and the inference log, then exits — or
 * exits anyway after SHUTDOWN_TIMEOUT_MS.
 */
import { registryFromEnv } from '@millwright/registry';
import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import inferenceApi, { fastifyOptions } from './app.ts';
import { ConfigError, loadConfig, type ServingConfig } from './config.ts';

function readConfig(): ServingConfig {
  try {
    return loadConfig(process.env, process.cwd());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

const config = readConfig();
const app = Fastify(fastifyOptions(config, { level: process.env.LOG_LEVEL ?? 'info' }));
await app.register(inferenceApi, { config, registry: registryFromEnv(process.env, process.cwd()) });

closeWithGrace({ delay: config.shutdownTimeoutMs }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an unexpected error');
  else app.log.info(`${signal}: draining requests, then shutting down`);
  await app.close();
});

await app.listen({ port: config.port, host: config.host });
