/**
 * `POST /explain` (one feature object, or `{"machineId": ...}`) and `POST /explain/batch` (at most
 * `MAX_BATCH_ROWS` feature objects): the prediction plus each model feature's TreeSHAP
 * contribution, computed from the served ONNX tree ensemble (libs/ml tree-shap.ts). Bodies are
 * validated exactly as on /predict, with the same error replies.
 *
 * Contributions are in the model's margin space, which the reply names: `probability` for a
 * model whose ONNX post_transform is NONE (the random forest: the summed leaf weights are the
 * probability) and `log-odds` for LOGISTIC (boosted trees). `baseValue + Σ contributions = margin`,
 * and the probability is the margin itself or its sigmoid. Features are the model's inputs as the
 * contract encodes them: raw inputs, one-hot indicators, and engineered features named as such
 * with the inputs they are computed from (SHAP credits the engineered column, not its inputs).
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { engineeredFormula, type ModelContract } from '@millwright/contract';
import type { FastifyInstance } from 'fastify';
import { rowField } from './error-reply.ts';
import { featureObject } from './predict-routes.ts';
import { batchRows, singleRow } from './request-rows.ts';
import { errorResponses, modelRef, modelRefSchema, predictionSchema } from './schemas.ts';

const marginSpaceSchema = Type.Union([Type.Literal('probability'), Type.Literal('log-odds')], {
  description: "The space contributions add up in: 'probability' for post_transform NONE, 'log-odds' for LOGISTIC",
});

const featureSchema = Type.Object({
  feature: Type.String({ description: "a name of the contract's featureOrder" }),
  kind: Type.Union([Type.Literal('input'), Type.Literal('one-hot'), Type.Literal('engineered')], {
    description: 'input: a raw input (a category as its ordinal); one-hot: one category of an input; engineered: computed from the inputs in `from`',
  }),
  from: Type.Optional(Type.Array(Type.String(), { description: 'the inputs an engineered feature is computed from' })),
});

const explainResponse = Type.Object({
  ...predictionSchema.properties,
  threshold: Type.Number(),
  marginSpace: marginSpaceSchema,
  baseValue: Type.Number({ description: 'the expected margin over the training rows (E[f(x)])' }),
  margin: Type.Number({ description: 'this row: baseValue + Σ contributions' }),
  contributions: Type.Array(
    Type.Object({
      ...featureSchema.properties,
      value: Type.Number({ description: 'the encoded value the model saw (float32)' }),
      contribution: Type.Number({ description: "the feature's SHAP value, in marginSpace" }),
    }),
  ),
  model: modelRefSchema,
});

const batchExplainResponse = Type.Object({
  marginSpace: marginSpaceSchema,
  baseValue: Type.Number(),
  features: Type.Array(featureSchema, { description: 'the order of every `contributions` array' }),
  explanations: Type.Array(
    Type.Object({
      ...predictionSchema.properties,
      margin: Type.Number(),
      contributions: Type.Array(Type.Number(), { description: 'one SHAP value per entry of `features`' }),
    }),
  ),
  threshold: Type.Number(),
  model: modelRefSchema,
});

type FeatureDescription = { feature: string; kind: 'input' | 'one-hot' | 'engineered'; from?: string[] };

const describedFeatures = new WeakMap<ModelContract, readonly FeatureDescription[]>();

/** What each position of the contract's feature vector is. */
function featuresOf(contract: ModelContract): readonly FeatureDescription[] {
  let features = describedFeatures.get(contract);
  if (features === undefined) {
    const engineered = new Set(contract.engineered.map((feature) => feature.name));
    features = contract.featureOrder.map((feature): FeatureDescription => {
      if (engineered.has(feature)) return { feature, kind: 'engineered', from: [...(engineeredFormula(feature)?.requires ?? [])] };
      return contract.inputs.some((input) => input.name === feature) ? { feature, kind: 'input' } : { feature, kind: 'one-hot' };
    });
    describedFeatures.set(contract, features);
  }
  return features;
}

export async function explainRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { predictor, featureStore } = fastify.serving;
  const maxRows = fastify.serving.config.maxBatchRows;

  fastify.post(
    '/explain',
    {
      logLevel: 'warn',
      schema: {
        summary: "Predict one row and explain it: each feature's TreeSHAP contribution in the model's margin space",
        body: featureObject,
        response: { 200: explainResponse, ...errorResponses(400, 404, 413, 415, 501, 503) },
      },
    },
    async (request, reply) => {
      const body = await singleRow(request.body, featureStore);
      const model = predictor.pick();
      const explained = await predictor.explain(model, [body], () => '');
      reply.header('x-model-version', model.version);
      const first = explained.predictions[0]!;
      return {
        prediction: first.prediction,
        probability: first.probability,
        threshold: model.contract.outputs.threshold,
        marginSpace: explained.marginSpace,
        baseValue: explained.baseValue,
        margin: explained.margins[0]!,
        contributions: featuresOf(model.contract).map((feature, index) => ({
          ...feature,
          value: explained.rows[index]!,
          contribution: explained.contributions[index]!,
        })),
        model: modelRef(model),
      };
    },
  );

  fastify.post(
    '/explain/batch',
    {
      logLevel: 'warn',
      schema: {
        summary: `Predict and explain up to ${maxRows} rows`,
        body: Type.Unknown({ description: `A JSON array of feature objects (at most ${maxRows}).` }),
        response: { 200: batchExplainResponse, ...errorResponses(400, 413, 415, 501, 503) },
      },
    },
    async (request, reply) => {
      const rows = batchRows(request.body, maxRows);
      const model = predictor.pick();
      const explained = await predictor.explain(model, rows, rowField);
      reply.header('x-model-version', model.version);
      const { featureCount } = model;
      return {
        marginSpace: explained.marginSpace,
        baseValue: explained.baseValue,
        features: [...featuresOf(model.contract)],
        explanations: explained.predictions.map((prediction, row) => ({
          ...prediction,
          margin: explained.margins[row]!,
          contributions: Array.from(explained.contributions.subarray(row * featureCount, (row + 1) * featureCount)),
        })),
        threshold: model.contract.outputs.threshold,
        model: modelRef(model),
      };
    },
  );
}
