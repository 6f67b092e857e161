/**
 * Response schemas shared by the routes. They document the API (OpenAPI at `/openapi.json`) and
 * let Fastify serialize replies with a compiled serializer instead of JSON.stringify.
 */
import { Type } from '@fastify/type-provider-typebox';
import { maxListedErrors } from './error-reply.ts';

/** Every error reply. */
export const errorSchema = Type.Object(
  {
    error: Type.String({ description: 'What was wrong, e.g. `torqueNm: must be a number, got string`' }),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }), {
        description: `Each bad field with its reason, e.g. \`[3].torqueNm\`; the first ${maxListedErrors} when there are more (see omittedErrors)`,
      }),
    ),
    omittedErrors: Type.Optional(Type.Integer({ minimum: 1, description: `How many errors beyond the ${maxListedErrors} listed in errors there were` })),
  },
);

/** Which version answered. */
export const modelRefSchema = Type.Object({
  name: Type.String(),
  version: Type.String(),
  alias: Type.String({ description: 'champion or challenger' }),
});

/** The {@link modelRefSchema} of the version that answered. */
export function modelRef(model: { readonly name: string; readonly version: string; readonly alias: string }): { name: string; version: string; alias: string } {
  return { name: model.name, version: model.version, alias: model.alias };
}

/** One prediction. */
export const predictionSchema = Type.Object({
  prediction: Type.String({ description: "the contract's class: the positive class when probability >= threshold" }),
  probability: Type.Number({ description: 'probability of the positive class' }),
});

/** Error replies a route may give, keyed by status. */
export function errorResponses(...statuses: number[]): Record<number, typeof errorSchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorSchema]));
}
