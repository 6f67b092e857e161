/**
 * `GET /models`: the versions serving under each alias, with their contracts (the UI renders its
 * form from them). `POST /models/reload`: re-resolves the aliases now, behind the admin token
 * (`X-Admin-Token`, see admin-token.ts); disabled when no token is set.
 */
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { LoadedModel } from '../model/loaded-model.ts';
import { typicalInput } from '../model/training-reference.ts';
import { adminSecurity, requireAdmin } from './admin-token.ts';
import { errorResponses } from './schemas.ts';

function describe(model: LoadedModel | undefined) {
  if (model === undefined) return null;
  const { trainingReference } = model;
  return {
    version: model.version,
    alias: model.alias,
    source: model.source,
    contract: model.contract,
    typicalInput: trainingReference.ok ? typicalInput(model.contract, trainingReference.reference) : null,
  };
}

const servedSchema = Type.Union([
  Type.Null(),
  Type.Object({
    version: Type.String(),
    alias: Type.String(),
    source: Type.String(),
    contract: Type.Unknown(),
    typicalInput: Type.Union([Type.Null(), Type.Record(Type.String(), Type.Number())], {
      description: "the median of each numeric input in the version's training data (a typical operating point), or null without a training reference",
    }),
  }),
]);

export async function modelRoutes(app: FastifyInstance): Promise<void> {
  const fastify = app.withTypeProvider<TypeBoxTypeProvider>();
  const { manager, config } = fastify.serving;

  fastify.get(
    '/models',
    {
      schema: {
        summary: 'The served versions and their contracts',
        response: {
          200: Type.Object({
            name: Type.String(),
            champion: servedSchema,
            challenger: servedSchema,
            challengerMode: Type.String(),
            challengerWeight: Type.Number(),
            problems: Type.Array(Type.String()),
          }),
        },
      },
    },
    async () => ({
      name: manager.modelName,
      champion: describe(manager.champion),
      challenger: describe(manager.challenger),
      challengerMode: config.challengerMode,
      challengerWeight: config.challengerWeight,
      problems: [...manager.lastErrors],
    }),
  );

  fastify.post(
    '/models/reload',
    {
      schema: {
        summary: 'Re-resolve the aliases now (admin)',
        security: adminSecurity,
        response: {
          200: Type.Object({
            results: Type.Array(Type.Object({ alias: Type.String(), version: Type.Union([Type.String(), Type.Null()]), changed: Type.Boolean(), error: Type.Optional(Type.String()) })),
          }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      requireAdmin(request.headers, config.adminToken);
      const results = await manager.refresh();
      return { results: results.map((result) => ({ ...result, version: result.version ?? null })) };
    },
  );
}
