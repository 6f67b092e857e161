import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import fleetBundleSchema from './schemas/fleet.yaml.schema.json' with { type: 'json' };
import fleetCrdSchemas from './schemas/fleet-crds.schema.json' with { type: 'json' };

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(fleetCrdSchemas);
const validators: Record<string, ValidateFunction> = {
  'fleet.yaml': ajv.compile(fleetBundleSchema),
  GitRepo: ajv.getSchema(`${fleetCrdSchemas.$id}#/$defs/GitRepo`)!,
  ClusterGroup: ajv.getSchema(`${fleetCrdSchemas.$id}#/$defs/ClusterGroup`)!,
};

/** One ajv error as `path: message`, naming an unknown field by its name. */
export function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath || '(root)';
  if (error.keyword === 'additionalProperties') return `${at}: unknown field "${String(error.params['additionalProperty'])}"`;
  return `${at}: ${error.message ?? error.keyword}`;
}

function run(validator: ValidateFunction, document: unknown): string[] {
  return validator(document) ? [] : (validator.errors ?? []).map(describeSchemaError);
}

/** Validates a `fleet.yaml` against Fleet's own strict schema; one message per problem. */
export function validateFleetBundle(document: unknown): string[] {
  return run(validators['fleet.yaml']!, document);
}

/** Validates a Fleet GitRepo or ClusterGroup against the strict schema of what we render. */
export function validateFleetObject(document: { kind?: unknown }): string[] {
  const validator = typeof document.kind === 'string' ? validators[document.kind] : undefined;
  if (!validator || document.kind === 'fleet.yaml') return [`no schema for Fleet kind ${String(document.kind)}`];
  return run(validator, document);
}
