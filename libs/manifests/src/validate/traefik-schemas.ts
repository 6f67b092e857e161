import { strictCrdSchemas } from './strict-crd-schemas.ts';
import { namespacedMetadataSchema } from './namespaced-metadata-schema.ts';

/**
 * kubernetes-models has no Traefik types, so Traefik's CRD objects get a strict schema of the
 * fields we render, each checked against Traefik's references: Middleware (basicAuth: `secret`,
 * `realm`, `removeHeader`, `headerField`; https://doc.traefik.io/traefik/reference/routing-configuration/http/middlewares/basicauth/;
 * stripPrefix: `prefixes`) and IngressRouteTCP (`entryPoints`, `routes[].match`,
 * `routes[].services[].name`/`port`, `tls.secretName`;
 * https://doc.traefik.io/traefik/reference/routing-configuration/kubernetes/crd/tcp/ingressroutetcp/).
 * Unknown fields are errors: Traefik ignores a misspelt one and the route would go unguarded.
 */
const metadata = namespacedMetadataSchema;

const middlewareSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'traefik.io/v1alpha1' },
    kind: { const: 'Middleware' },
    metadata,
    spec: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        basicAuth: {
          type: 'object',
          additionalProperties: false,
          required: ['secret'],
          properties: {
            secret: { type: 'string', minLength: 1 },
            realm: { type: 'string' },
            removeHeader: { type: 'boolean' },
            headerField: { type: 'string' },
          },
        },
        // https://doc.traefik.io/traefik/reference/routing-configuration/http/middlewares/stripprefix/
        // (`prefixes`; `forceSlash` is deprecated and not rendered, so not accepted either).
        stripPrefix: {
          type: 'object',
          additionalProperties: false,
          required: ['prefixes'],
          properties: { prefixes: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^/' } } },
        },
      },
    },
  },
} as const;

const ingressRouteTcpSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'traefik.io/v1alpha1' },
    kind: { const: 'IngressRouteTCP' },
    metadata,
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['entryPoints', 'routes', 'tls'],
      properties: {
        // Without entry points a route listens on all of them; we name HTTPS's.
        entryPoints: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        routes: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['match', 'services'],
            properties: {
              // Only a TLS router can read the server name, so every route is one HostSNI rule.
              match: { type: 'string', pattern: '^HostSNI\\(`[a-z0-9.-]+`\\)$' },
              services: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['name', 'port'],
                  properties: { name: { type: 'string', minLength: 1 }, port: { type: 'integer', minimum: 1, maximum: 65535 } },
                },
              },
            },
          },
        },
        // `{}` terminates TLS with Traefik's default certificate; `secretName` names the host's own.
        tls: { type: 'object', additionalProperties: false, properties: { secretName: { type: 'string', minLength: 1 } } },
      },
    },
  },
} as const;

const schemas = strictCrdSchemas('Traefik', {
  'traefik.io/v1alpha1/Middleware': middlewareSchema,
  'traefik.io/v1alpha1/IngressRouteTCP': ingressRouteTcpSchema,
});

/** `traefik.io/v1alpha1/Middleware`, ... : the Traefik types a rendered object may have. */
export const traefikTypes: readonly string[] = schemas.types;

/** True when the object is a Traefik kind this module validates. */
export const isTraefikObject = schemas.accepts;

/** Validates a Traefik object against the strict schema of the fields we render; one message per problem. */
export const validateTraefikObject = schemas.validate;
