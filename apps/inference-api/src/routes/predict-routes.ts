/**
 * `POST /predict` (one feature object, or `{"machineId": ...}` to score the machine's latest
 * features from the feature store) and `POST /predict/batch` (an array of feature objects, at most
 * `MAX_BATCH_ROWS`). Bodies are validated against the serving version's contract in the handler:
 * the contract can change with a hot swap, so it is not a route schema.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { isPlainObject } from '@millwright/contract';
import type { FastifyInstance } from 'fastify';
import { HttpProblem, rowField } from './error-reply.ts';
import { errorResponses, modelRefSchema, predictionSchema } from './schemas.ts';

const predictResponse = Type.Object({
  ...predictionSchema.properties,
  threshold: Type.Number(),
  model: modelRefSchema,
});

const batchResponse = Type.Object({
  predictions: Type.Array(predictionSchema),
  threshold: Type.Number(),
  model: modelRefSchema,
});

const featureObject = Type.Unknown({
  description: "The model contract's inputs by name (see GET /models), or {\"machineId\": \"...\"} to use the feature store's latest values.",
});

export async function predictRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { predictor, featureStore } = fastify.serving;
  const maxRows = fastify.serving.config.maxBatchRows;

  fastify.post(
    '/predict',
    {
      logLevel: 'warn',
      schema: {
        summary: 'Predict one row',
        body: featureObject,
        response: { 200: predictResponse, ...errorResponses(400, 404, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      let body: unknown = request.body;
      if (isPlainObject(body) && Object.hasOwn(body, 'machineId')) {
        const { machineId, ...overrides } = body;
        if (typeof machineId !== 'string' || machineId === '' || machineId.length > 200) {
          throw new HttpProblem(400, 'machineId: must be a non-empty string of at most 200 characters', [
            { field: 'machineId', reason: 'must be a non-empty string of at most 200 characters' },
          ]);
        }
        const stored = await featureStore.get(machineId);
        if (stored === undefined) throw new HttpProblem(404, `machineId: no features are stored for machine "${machineId}"`, [{ field: 'machineId', reason: `no features are stored for machine "${machineId}"` }]);
        body = { ...stored, ...overrides };
      }
      const model = predictor.pick();
      const { predictions } = await predictor.score(model, [body], () => '');
      reply.header('x-model-version', model.version);
      const first = predictions[0]!;
      return {
        prediction: first.prediction,
        probability: first.probability,
        threshold: model.contract.outputs.threshold,
        model: { name: model.name, version: model.version, alias: model.alias },
      };
    },
  );

  fastify.post(
    '/predict/batch',
    {
      logLevel: 'warn',
      schema: {
        summary: `Predict up to ${maxRows} rows in one model call`,
        body: Type.Unknown({ description: `A JSON array of feature objects (at most ${maxRows}).` }),
        response: { 200: batchResponse, ...errorResponses(400, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const rows = request.body;
      if (!Array.isArray(rows) || rows.length === 0) {
        throw new HttpProblem(400, '(body): must be a non-empty JSON array of feature objects', [{ field: '(body)', reason: 'must be a non-empty JSON array of feature objects' }]);
      }
      if (rows.length > maxRows) {
        throw new HttpProblem(413, `(body): has ${rows.length} rows; at most ${maxRows} per request`, [{ field: '(body)', reason: `has ${rows.length} rows; at most ${maxRows} per request` }]);
      }
      const model = predictor.pick();
      const { predictions } = await predictor.score(model, rows, rowField);
      reply.header('x-model-version', model.version);
      return { predictions: [...predictions], threshold: model.contract.outputs.threshold, model: { name: model.name, version: model.version, alias: model.alias } };
    },
  );
}
