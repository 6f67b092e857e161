import { z } from 'zod';
import { admissionActions, arches, clusterRoles, topologies } from '../model/types.ts';

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const quantity = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?$/;

function oneOf(values: readonly string[]): string {
  return values.map((v) => `"${v}"`).join(', ');
}

const name = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .max(40, { error: `${what} must be at most 40 characters (it prefixes Kubernetes names)` })
    .regex(dnsLabel, { error: `${what} must be lower-case letters, digits and '-', starting and ending with a letter or digit` });

const labels = z.record(
  z.string().regex(labelKey, { error: 'is not a valid Kubernetes label key' }),
  z.string().max(63).regex(labelValue, { error: 'is not a valid Kubernetes label value' }),
);

const clusterSchema = z.strictObject({
  name: name('a cluster name'),
  role: z.enum(clusterRoles as [string, ...string[]], {
    error: `must be one of ${oneOf(clusterRoles)}`,
  }),
  arch: z.enum(arches as [string, ...string[]], { error: `must be one of ${oneOf(arches)}` }).optional(),
  labels: labels.optional(),
  nodeSelector: labels.optional(),
  argocd: z
    .strictObject({
      server: z.url({ error: 'must be the URL of the cluster API server, e.g. "https://kubernetes.default.svc"' }).optional(),
      name: z.string().min(1).optional(),
    })
    .optional(),
  admission: z
    .enum(admissionActions as [string, ...string[]], {
      error: `must be one of ${oneOf(admissionActions)} (Deny refuses an object that breaks a platform policy, Warn admits it with a warning, Audit only records it)`,
    })
    .optional(),
});

const componentSettingsSchema = z.strictObject({
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  replicas: z
    .number({ error: 'must be a whole number from 1 to 20' })
    .int({ error: 'must be a whole number from 1 to 20' })
    .min(1, { error: 'must be at least 1' })
    .max(20, { error: 'must be at most 20' })
    .optional(),
  storage: z.string().regex(quantity, { error: 'must be a storage size such as "10Gi"' }).optional(),
  // Checked against the clusters the component runs on, and each range parsed, once the config resolves.
  addresses: z
    .record(
      z.string(),
      z.array(z.string({ error: 'must be an address range such as "192.168.10.240-192.168.10.250" or a CIDR' }), {
        error: 'must be a list of address ranges, e.g. ["192.168.10.240-192.168.10.250"]',
      }),
      { error: 'must map cluster names to address ranges, e.g. { "edge-1": ["192.168.10.240-192.168.10.250"] }' },
    )
    .optional(),
});

/** The shape of `platform.config.ts`, before defaults and cross-field checks. */
export const platformConfigSchema = z.strictObject({
  name: name('the platform name').optional(),
  domain: z
    .string({ error: 'must be the DNS domain the UIs are served under, e.g. "factory.example.com"' })
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,}$/, {
      error: 'must be a DNS domain such as "factory.example.com"',
    }),
  git: z.strictObject(
    {
    repoURL: z
      .string({ error: 'must be the Git URL Argo CD and Fleet pull this repository from' })
      .regex(/^(https:\/\/|ssh:\/\/|git@)\S+$/, { error: 'must be an https://, ssh:// or git@ URL of this repository' }),
    revision: z.string().min(1).optional(),
    },
    { error: 'must say where Argo CD and Fleet pull this repository from, e.g. git: { repoURL: "https://github.com/acme/millwright.git" }' },
  ),
  images: z
    .strictObject({
      registry: z
        .string()
        .regex(/^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9._-]+)*$/, { error: 'must be a registry path such as "ghcr.io/acme"' })
        .optional(),
      tag: z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { error: 'must be an image tag such as "0.1.0"' })
        .refine((tag) => tag !== 'latest', { error: '"latest" is not a pinned tag; use a version such as "0.1.0"' })
        .optional(),
    })
    .optional(),
  topology: z.enum(topologies as [string, ...string[]], {
    error: `must be one of ${oneOf(topologies)}`,
  }),
  clusters: z.array(clusterSchema, { error: 'must be a list of clusters' }).min(1, { error: 'must name at least one cluster' }),
  components: z.record(z.string(), componentSettingsSchema).optional(),
  ingress: z
    .strictObject({
      clusterIssuer: z
        .string({ error: 'must be the name of a cert-manager ClusterIssuer, e.g. "letsencrypt-prod"' })
        .regex(dnsLabel, { error: 'must be the name of a cert-manager ClusterIssuer, e.g. "letsencrypt-prod"' })
        .optional(),
    })
    .optional(),
});

/** What a user writes in `platform.config.ts`. */
export type PlatformConfig = z.input<typeof platformConfigSchema> & {
  topology: (typeof topologies)[number];
  clusters: Array<
    z.input<typeof clusterSchema> & { role: (typeof clusterRoles)[number]; arch?: (typeof arches)[number]; admission?: (typeof admissionActions)[number] }
  >;
};

/**
 * Types the platform config in `platform.config.ts`. Validation happens when the config is
 * loaded (`resolvePlatform`), so every error is reported with its field and fix at once.
 */
export function definePlatform(config: PlatformConfig): PlatformConfig {
  return config;
}
