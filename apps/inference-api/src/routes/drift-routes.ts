/**
 * `GET /drift`: how far the recent inputs moved from the training data of the version serving as
 * champion, per feature (serving/drift-monitor.ts). The operator UI's drift table reads it; the
 * `model_feature_drift_psi` gauge publishes the same figures to Prometheus.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';

const driftSchema = Type.Object({
  model: Type.String(),
  version: Type.Union([Type.String(), Type.Null()], { description: 'the champion whose training reference is compared' }),
  referenceRows: Type.Union([Type.Integer(), Type.Null()], { description: 'rows the reference was computed from' }),
  window: Type.Object({
    rows: Type.Integer({ description: 'recent inputs compared' }),
    capacity: Type.Integer({ description: 'most recent inputs kept' }),
    minimumRows: Type.Integer({ description: 'inputs needed before drift is judged' }),
  }),
  judged: Type.Boolean({ description: 'whether window.rows reached window.minimumRows' }),
  features: Type.Array(
    Type.Object({
      feature: Type.String(),
      psi: Type.Number({ description: 'population stability index against the training reference' }),
      level: Type.Union([Type.Literal('stable'), Type.Literal('moderate'), Type.Literal('significant')], { description: 'PSI ≤ 0.1, ≤ 0.2, above' }),
    }),
  ),
  problem: Type.Union([Type.String(), Type.Null()], { description: 'why drift cannot be computed' }),
});

export async function driftRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { manager, drift } = fastify.serving;

  fastify.get(
    '/drift',
    { schema: { summary: "Drift of the recent inputs against the champion's training data, per feature", response: { 200: driftSchema } } },
    async () => {
      const status = drift.status(manager.champion);
      return { model: manager.modelName, ...status, features: [...status.features] };
    },
  );
}
