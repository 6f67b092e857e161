/**
 * Kubernetes probes (`/healthz` live while the process serves; `/readyz` ready once a model is
 * loaded and warm), Prometheus's `/metrics`, and the OpenAPI document built from the route schemas.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

const probeResponse = Type.Object({ status: Type.String(), model: Type.Optional(Type.String()), version: Type.Optional(Type.String()) });

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { manager, metrics } = fastify.serving;

  fastify.get('/healthz', { schema: { summary: 'Liveness', response: { 200: probeResponse } } }, async () => ({ status: 'live' }));

  fastify.get('/readyz', { schema: { summary: 'Readiness: a model is loaded and warm', response: { 200: probeResponse, 503: probeResponse } } }, async (_request, reply) => {
    const champion = manager.champion;
    if (champion === undefined) return reply.code(503).send({ status: 'not ready: no model loaded', model: manager.modelName });
    return { status: 'ready', model: champion.name, version: champion.version };
  });

  fastify.get('/metrics', { schema: { summary: 'Prometheus metrics', hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger());
}
