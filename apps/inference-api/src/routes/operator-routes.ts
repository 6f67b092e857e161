/**
 * The routes the operator UI needs beyond predictions: the registry (versions, reports,
 * importances, promote / roll back), the feature store's machines (presets), and the serving
 * limits the UI sizes its batches by. One plugin, so app.ts registers them in one line.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { machineRoutes } from './machine-routes.ts';
import { registryRoutes, type RegistryRoutesOptions } from './registry-routes.ts';

export async function operatorRoutes(app: FastifyInstance, options: RegistryRoutesOptions): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = fastify.serving;

  fastify.get(
    '/serving/limits',
    {
      schema: {
        summary: 'Request limits clients size their batches by',
        response: { 200: Type.Object({ maxBatchRows: Type.Integer(), bodyLimitBytes: Type.Integer(), adminEnabled: Type.Boolean() }) },
      },
    },
    async () => ({ maxBatchRows: config.maxBatchRows, bodyLimitBytes: config.bodyLimitBytes, adminEnabled: config.adminToken !== undefined }),
  );

  await fastify.register(registryRoutes, { registry: options.registry });
  await fastify.register(machineRoutes);
}
