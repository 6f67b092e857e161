import { Ajv2020 } from 'ajv/dist/2020.js';
import { describeSchemaError } from './fleet-schemas.ts';

/** Objects with a type `<apiVersion>/<kind>`, as rendered objects are. */
type Typed = { apiVersion?: unknown; kind?: unknown };

/** Strict schemas for the custom resources of one project that kubernetes-models has no types for. */
export interface StrictCrdSchemas {
  /** `<apiVersion>/<kind>` of every type the schemas cover. */
  readonly types: readonly string[];
  /** True when `object` is one of those types. */
  accepts(object: Typed): boolean;
  /** One message per problem; empty when the object passes. */
  validate(object: Typed): string[];
}

const typeOf = (object: Typed) => `${String(object.apiVersion)}/${String(object.kind)}`;

/** Compiles `schemas` (by `<apiVersion>/<kind>`) of `project`'s resources, e.g. Traefik's or MetalLB's. */
export function strictCrdSchemas(project: string, schemas: Readonly<Record<string, object>>): StrictCrdSchemas {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validators = new Map(Object.entries(schemas).map(([type, schema]) => [type, ajv.compile(schema)]));
  return {
    types: [...validators.keys()],
    accepts: (object) => validators.has(typeOf(object)),
    validate(object) {
      const validator = validators.get(typeOf(object));
      if (!validator) return [`no schema for ${project} ${String(object.apiVersion)} ${String(object.kind)}`];
      return validator(object) ? [] : (validator.errors ?? []).map(describeSchemaError);
    },
  };
}
