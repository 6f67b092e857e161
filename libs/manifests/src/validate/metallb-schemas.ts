import { strictCrdSchemas } from './strict-crd-schemas.ts';
import { namespacedMetadataSchema } from './namespaced-metadata-schema.ts';

/**
 * MetalLB's custom resources have no kubernetes-models types, so they get a strict schema of the
 * fields we render, each checked against MetalLB's API reference (IPAddressPool `addresses`,
 * `autoAssign`; L2Advertisement `ipAddressPools`; https://metallb.io/apis/). Unknown fields are
 * errors: MetalLB would ignore a misspelt one and hand out addresses from no pool at all.
 */
const metadata = namespacedMetadataSchema;

function resource(kind: string, spec: object): object {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['apiVersion', 'kind', 'metadata', 'spec'],
    properties: { apiVersion: { const: 'metallb.io/v1beta1' }, kind: { const: kind }, metadata, spec },
  };
}

const ipAddressPool = resource('IPAddressPool', {
  type: 'object',
  additionalProperties: false,
  required: ['addresses'],
  properties: { addresses: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }, autoAssign: { type: 'boolean' } },
});

const l2Advertisement = resource('L2Advertisement', {
  type: 'object',
  additionalProperties: false,
  required: ['ipAddressPools'],
  properties: { ipAddressPools: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } } },
});

const schemas = strictCrdSchemas('MetalLB', {
  'metallb.io/v1beta1/IPAddressPool': ipAddressPool,
  'metallb.io/v1beta1/L2Advertisement': l2Advertisement,
});

/** `metallb.io/v1beta1/IPAddressPool`, ... : the MetalLB types a rendered object may have. */
export const metallbTypes: readonly string[] = schemas.types;

/** True when the object is a MetalLB kind this module validates. */
export const isMetallbObject = schemas.accepts;

/** Validates a MetalLB object against the strict schema of the fields we render; one message per problem. */
export const validateMetallbObject = schemas.validate;
