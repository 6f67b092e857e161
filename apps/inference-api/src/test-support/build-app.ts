/**
 * Builds the app the way server.ts does, on a fresh MILLWRIGHT_HOME with a local registry, for
 * `app.inject` tests (fastify/demo's test helper).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalRegistry, type ModelRegistry } from '@millwright/registry';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import inferenceApi, { fastifyOptions, type AppOptions } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { SqlClient } from '../serving/inference-log.ts';

/** A temporary MILLWRIGHT_HOME, removed by `remove()`. */
export function tempHome(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'millwright-api-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The local registry of a MILLWRIGHT_HOME. */
export function localRegistry(home: string): LocalRegistry {
  return new LocalRegistry(join(home, 'registry'));
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions extends Partial<Omit<AppOptions, 'config' | 'registry'>> {
  readonly home: string;
  readonly env?: Record<string, string>;
  /** @default the local registry under `home` */
  readonly registry?: ModelRegistry;
  /** @default no inference log database */
  readonly sqlClient?: SqlClient;
  /** Sees every route the app registers, so a test can cover routes added later. @default none */
  readonly onRoute?: (route: RouteOptions) => void;
}

/** A ready app (first model load attempted), polling off unless the env turns it on. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const env = { MILLWRIGHT_HOME: options.home, MODEL_POLL_INTERVAL_MS: '0', DATABASE_URL: 'off', ...options.env };
  const config = loadConfig(env, options.home);
  const app = Fastify(fastifyOptions(config));
  const { onRoute, ...appOptions } = options;
  if (onRoute !== undefined) app.addHook('onRoute', onRoute);
  await app.register(inferenceApi, { ...appOptions, config, registry: options.registry ?? localRegistry(options.home) });
  await app.ready();
  return app;
}
