/**
 * `POST /predict` (one feature object, or `{"machineId": ...}` to score the machine's latest
 * features from the feature store) and `POST /predict/batch` (an array of feature objects, at most
 * `MAX_BATCH_ROWS`). Bodies are validated against the serving version's contract in the handler:
 * the contract can change with a hot swap, so it is not a route schema.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { rowField } from './error-reply.ts';
import { batchRows, singleRow } from './request-rows.ts';
import { errorResponses, modelRef, modelRefSchema, predictionSchema } from './schemas.ts';

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

export const featureObject = Type.Unknown({
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
      const body = await singleRow(request.body, featureStore);
      const model = predictor.pick();
      const { predictions } = await predictor.score(model, [body], () => '');
      reply.header('x-model-version', model.version);
      const first = predictions[0]!;
      return {
        prediction: first.prediction,
        probability: first.probability,
        threshold: model.contract.outputs.threshold,
        model: modelRef(model),
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
      const rows = batchRows(request.body, maxRows);
      const model = predictor.pick();
      const { predictions } = await predictor.score(model, rows, rowField);
      reply.header('x-model-version', model.version);
      return { predictions: [...predictions], threshold: model.contract.outputs.threshold, model: modelRef(model) };
    },
  );
}
