import { defaultJsonSchemaDialect, jsonSchemaDialects, type JsonSchema, type JsonSchemaDialect } from './json-schema-dialect.ts';
import type { ContractInput, ModelContract } from './model-contract.ts';

/** Options of `requestJsonSchema`. */
export interface RequestJsonSchemaOptions {
  /**
   * The dialect the schema declares in `$schema`.
   * @default 'draft-07'
   */
  readonly dialect?: JsonSchemaDialect;
}

function propertySchema(input: ContractInput): JsonSchema {
  if (input.type === 'category') {
    return { type: 'string', enum: [...input.categories], description: input.description };
  }
  const unit = input.unit === undefined ? '' : ` (${input.unit})`;
  const range = input.range === undefined ? {} : { minimum: input.range.min, maximum: input.range.max };
  return { type: 'number', description: `${input.description}${unit}`, ...range };
}

/**
 * The JSON Schema of a predict request for a contract: an object with exactly the contract's
 * inputs (`additionalProperties: false`, all `required`), numbers within their inclusive ranges,
 * categories from their `enum`. It accepts exactly what `validateInput` accepts among JSON values
 * (JSON cannot carry NaN or Infinity, which `validateInput` also rejects).
 */
export function requestJsonSchema(contract: ModelContract, options: RequestJsonSchemaOptions = {}): JsonSchema {
  const dialect = options.dialect ?? defaultJsonSchemaDialect;
  return {
    $schema: jsonSchemaDialects[dialect],
    title: `Predict request for ${contract.name}`,
    type: 'object',
    additionalProperties: false,
    required: contract.inputs.map((input) => input.name),
    properties: Object.fromEntries(contract.inputs.map((input) => [input.name, propertySchema(input)])),
  };
}
