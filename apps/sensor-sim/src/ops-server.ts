/**
 * The simulator's HTTP port: `/metrics`, `/healthz`, and the run-time drift switch
 * `GET /scenario` / `PUT /scenario` (body: a DriftScenario JSON array, `startsAt` counted from
 * now; `[]` ends the drift). A bad scenario gets 400 naming the drift and field.
 */
import { metricOptions } from '@millwright/observability';
import Fastify, { type FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { parseScenario } from './config.ts';
import type { SimulatorHandle } from './simulator.ts';

export async function startSimulatorOpsServer(simulator: SimulatorHandle, listen: { port: number; host: string }): Promise<FastifyInstance> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const published = new Counter({ ...metricOptions('sensor_messages_published_total'), registers });
  let counted = 0;
  const httpRequests = new Counter({ ...metricOptions('http_requests_total'), registers });
  const httpDuration = new Histogram({ ...metricOptions('http_request_duration_seconds'), buckets: [0.001, 0.005, 0.025, 0.1, 0.5], registers });

  const app = Fastify({ logger: false });
  // The scenario arrives as JSON text, parsed and checked by the same function as SCENARIO.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onResponse', async (request, reply) => {
    const labels = { route: request.routeOptions.url ?? 'unknown', method: request.method, status: String(reply.statusCode) };
    httpRequests.inc(labels);
    httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => {
    const acknowledged = simulator.acknowledged();
    published.inc(acknowledged - counted);
    counted = acknowledged;
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  app.get('/healthz', async () => ({ status: 'ok', connected: simulator.connected() }));
  app.get('/scenario', async () => ({ scenario: simulator.scenario() }));
  app.put('/scenario', async (request, reply) => {
    try {
      const scenario = parseScenario(typeof request.body === 'string' ? request.body : '');
      simulator.setScenario(scenario);
      return { scenario };
    } catch (error) {
      return reply.code(400).send({ error: `scenario: ${(error as Error).message}` });
    }
  });
  await app.listen(listen);
  return app;
}
