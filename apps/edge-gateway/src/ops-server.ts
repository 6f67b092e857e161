/**
 * The gateway's HTTP port: `/metrics` (Prometheus), `/healthz` (the process is alive) and
 * `/readyz` (the store open and migrated, connected to the broker, subscribed, and inserts not
 * failing). Liveness never depends on PostgreSQL: failing it would make the kubelet restart a
 * gateway that is only waiting for the WAN.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { GatewayMetrics } from './gateway-metrics.ts';

/** What the probes ask of the gateway. */
export interface GatewayProbe {
  /** Problems that make the gateway not ready; empty when it is. */
  notReady(): string[];
}

export async function startOpsServer(metrics: GatewayMetrics, probe: GatewayProbe, listen: { port: number; host: string }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.addHook('onResponse', async (request, reply) => {
    const labels = { route: request.routeOptions.url ?? 'unknown', method: request.method, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const problems = probe.notReady();
    return problems.length === 0 ? { status: 'ready' } : reply.code(503).send({ status: 'not ready', problems });
  });
  await app.listen(listen);
  return app;
}
