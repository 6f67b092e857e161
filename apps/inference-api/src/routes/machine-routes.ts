/**
 * The machines of the feature store, for the UI's presets: `GET /machines` lists them and
 * `GET /machines/:machineId` returns one machine's latest inputs (what `POST /predict
 * {"machineId"}` would score), so an operator can start from a live machine and change a value.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { machineDirectoryFor } from '../serving/machine-directory.ts';
import { HttpProblem } from './error-reply.ts';
import { errorResponses } from './schemas.ts';

/** Most machines one listing returns. */
export const machineListLimit = 500;

export async function machineRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { featureStore, config } = fastify.serving;
  const directory = machineDirectoryFor(featureStore, config.redisUrl);
  if (directory !== undefined) fastify.addHook('onClose', () => directory.close());

  fastify.get(
    '/machines',
    {
      schema: {
        summary: `Machines with features in the feature store (at most ${machineListLimit}, sorted)`,
        response: { 200: Type.Object({ machines: Type.Array(Type.String()) }), ...errorResponses(503) },
      },
    },
    async () => ({ machines: directory === undefined ? [] : await directory.list(machineListLimit) }),
  );

  fastify.get(
    '/machines/:machineId',
    {
      schema: {
        summary: "A machine's latest features",
        params: Type.Object({ machineId: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ machineId: Type.String(), features: Type.Record(Type.String(), Type.Unknown()) }), ...errorResponses(404, 503) },
      },
    },
    async (request) => {
      const { machineId } = request.params;
      const features = await featureStore.get(machineId);
      if (features === undefined) throw new HttpProblem(404, `machineId: no features are stored for machine "${machineId}"`);
      return { machineId, features };
    },
  );
}
