/**
 * The JSON Schema dialects the generated schemas can declare. They only use keywords that mean
 * the same in both (type, properties, required, additionalProperties, minimum, maximum, enum,
 * pattern, const, items, minLength, maxLength), so the choice is only about the `$schema` URI a
 * validator expects: Ajv's default export and Fastify's built-in validator speak draft-07, Ajv's
 * `ajv/dist/2020` and OpenAPI 3.1 speak draft 2020-12.
 */
export const jsonSchemaDialects = {
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
} as const;

/** A dialect name: `draft-07` or `2020-12`. */
export type JsonSchemaDialect = keyof typeof jsonSchemaDialects;

/** The dialect generated schemas declare unless asked otherwise (what Fastify validates with). */
export const defaultJsonSchemaDialect: JsonSchemaDialect = 'draft-07';

/** A JSON Schema as a plain object, ready for `JSON.stringify` or a validator. */
export type JsonSchema = { readonly [keyword: string]: unknown };
