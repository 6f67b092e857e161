import { strictCrdSchemas } from './strict-crd-schemas.ts';
import { namespacedMetadataSchema } from './namespaced-metadata-schema.ts';

/**
 * cert-manager's Certificate has no kubernetes-models type, so it gets a strict schema of the
 * fields we render (a TCP route's certificate, which cert-manager's ingress-shim does not issue),
 * each checked against cert-manager's reference (`secretName`, `dnsNames`, `issuerRef.name`,
 * `.kind`, `.group`; https://cert-manager.io/docs/usage/certificate/). Unknown fields are errors:
 * cert-manager would ignore a misspelt one and the host would keep Traefik's default certificate.
 */
const certificateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'cert-manager.io/v1' },
    kind: { const: 'Certificate' },
    metadata: namespacedMetadataSchema,
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['secretName', 'dnsNames', 'issuerRef'],
      properties: {
        secretName: { type: 'string', minLength: 1 },
        dnsNames: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        issuerRef: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'kind', 'group'],
          properties: {
            name: { type: 'string', minLength: 1 },
            kind: { enum: ['Issuer', 'ClusterIssuer'] },
            group: { const: 'cert-manager.io' },
          },
        },
      },
    },
  },
} as const;

const schemas = strictCrdSchemas('cert-manager', { 'cert-manager.io/v1/Certificate': certificateSchema });

/** `cert-manager.io/v1/Certificate`: the cert-manager types a rendered object may have. */
export const certManagerTypes: readonly string[] = schemas.types;

/** True when the object is a cert-manager kind this module validates. */
export const isCertManagerObject = schemas.accepts;

/** Validates a cert-manager object against the strict schema of the fields we render; one message per problem. */
export const validateCertManagerObject = schemas.validate;
