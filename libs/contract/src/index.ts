export { ai4iContract } from './ai4i-contract.ts';
export {
  engineeredFeature,
  engineeredFeatureCatalogue,
  engineeredFormula,
  mechanicalPowerW,
  temperatureDifferenceK,
  wearTorqueMinNm,
  type EngineeredFormula,
} from './engineered-features.ts';
export { engineerFeatures, toFeatureVector } from './feature-encoder.ts';
export { describeValue, formatFieldErrors, isPlainObject, wholeValueField, type FieldError, type ValidationResult } from './field-error.ts';
export { defaultJsonSchemaDialect, jsonSchemaDialects, type JsonSchema, type JsonSchemaDialect } from './json-schema-dialect.ts';
export {
  modelContractSchemaVersion,
  oneHotFeatureName,
  type CategoryInput,
  type ContractInput,
  type ContractOutputs,
  type EngineeredFeature,
  type InputRange,
  type ModelContract,
  type ModelInput,
  type NumberInput,
} from './model-contract.ts';
export { requestJsonSchema, type RequestJsonSchemaOptions } from './request-json-schema.ts';
export { validateContract } from './validate-contract.ts';
export { validateInput } from './validate-input.ts';
