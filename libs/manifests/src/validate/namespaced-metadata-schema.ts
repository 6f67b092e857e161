/**
 * The metadata every namespaced custom object we render carries, for the strict CRD schemas
 * (Traefik, MetalLB, cert-manager): a DNS-label name, a namespace, string labels and annotations,
 * nothing else.
 */
export const namespacedMetadataSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'namespace'],
  properties: {
    name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
    namespace: { type: 'string' },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    annotations: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;
