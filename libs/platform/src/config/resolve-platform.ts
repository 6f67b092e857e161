import { z } from 'zod';
import type { AdmissionAction, Cluster, ClusterRole, ComponentDefinition, ComponentSettings, ImagePin, Platform, Topology } from '../model/types.ts';
import { PlatformConfigError, type ConfigIssue } from './config-error.ts';
import { platformConfigSchema } from './config-schema.ts';
import { componentAddressIssues } from './component-addresses.ts';
import { didYouMean } from './did-you-mean.ts';

/** The in-cluster API server address Argo CD uses for the cluster it runs on. */
export const inClusterServer = 'https://kubernetes.default.svc';

/** Defaults applied to a config that leaves them out; each is pinned by a test. */
export const configDefaults = {
  /** @default 'millwright' */
  name: 'millwright',
  /** @default 'main' */
  revision: 'main',
  /** @default 'ghcr.io/millwright-platform' */
  registry: 'ghcr.io/millwright-platform',
  /** @default '0.1.0' */
  tag: '0.1.0',
  /** Cloud clusters default to amd64; edge clusters must say (a Raspberry Pi is arm64). @default 'amd64' */
  cloudArch: 'amd64',
  /**
   * Admission refuses objects that break a platform policy on every cluster unless the cluster
   * says otherwise (`admission: 'Warn'` or `'Audit'`, e.g. on a lab cluster while a new policy
   * beds in). Secure by default: the gate already proved every rendered object passes, so Deny
   * only stops what did not come through Git. @default 'Deny'
   */
  admission: 'Deny',
} as const;

const rolesNeeded: Record<Topology, readonly ClusterRole[]> = {
  'edge-only': ['edge'],
  hybrid: ['edge', 'cloud'],
  'cloud-only': ['cloud'],
};

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(config)';
}

/** The field names the schema allows at a path (for "did you mean" on nested typos). */
function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let schema: z.ZodType = platformConfigSchema;
  for (const key of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (schema instanceof z.ZodArray && typeof key === 'number') schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)] ?? z.never();
    else return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function schemaIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.flatMap((issue): ConfigIssue[] => {
    const field = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(issue.path);
      return issue.keys.map((key) => ({
        field: field === '(config)' ? key : `${field}.${key}`,
        message: `unknown field.${didYouMean(key, known)} Remove it or fix its spelling.`,
      }));
    }
    if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
      const values = issue.values.map(String);
      return [{ field, message: `"${issue.input}" is not valid: ${issue.message}.${didYouMean(issue.input, values)}` }];
    }
    if (issue.input === undefined && issue.code === 'invalid_type') {
      return [{ field, message: `is required: it ${issue.message}` }];
    }
    return [{ field, message: issue.message }];
  });
}

function resolveCluster(raw: z.output<typeof platformConfigSchema>['clusters'][number], index: number, issues: ConfigIssue[], alone: boolean): Cluster {
  const field = `clusters[${index}]`;
  const role = raw.role as ClusterRole;
  if (role === 'edge' && raw.arch === undefined) {
    issues.push({
      field: `${field}.arch`,
      message: `edge cluster "${raw.name}" needs its CPU architecture: add arch: "arm64" (e.g. Raspberry Pi 4) or arch: "amd64".`,
    });
  }
  if (raw.argocd?.server && raw.argocd.name) {
    issues.push({ field: `${field}.argocd`, message: 'set either server or name, not both.' });
  }
  if (!alone && !raw.argocd?.server && !raw.argocd?.name) {
    issues.push({
      field: `${field}.argocd`,
      message: `with several clusters, each must say where Argo CD reaches it: add argocd: { name: "${raw.name}" } (a cluster registered in Argo CD) or argocd: { server: "https://..." }.`,
    });
  }
  const destination = raw.argocd?.name ? { name: raw.argocd.name } : { server: raw.argocd?.server ?? inClusterServer };
  return {
    name: raw.name,
    role,
    arch: (raw.arch ?? configDefaults.cloudArch) as Cluster['arch'],
    labels: raw.labels ?? {},
    nodeSelector: raw.nodeSelector ?? {},
    destination,
    admission: (raw.admission ?? configDefaults.admission) as AdmissionAction,
  };
}

type RawSettings = NonNullable<z.output<typeof platformConfigSchema>['components']>[string];

/** `components.<name>` keys that name no component; checked even when the schema fails. */
function unknownComponentIssues(raw: unknown, catalogue: readonly ComponentDefinition[]): ConfigIssue[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const known = catalogue.map((c) => c.name);
  return Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      field: `components.${key}`,
      message: `no such component.${didYouMean(key, known)} Known components: ${known.join(', ')}.`,
    }));
}

/** Duplicate cluster names; checked even when the schema fails. */
function duplicateClusterIssues(raw: unknown): ConfigIssue[] {
  if (!Array.isArray(raw)) return [];
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  raw.forEach((cluster: unknown, index) => {
    const name = (cluster as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first !== undefined) {
      issues.push({ field: `clusters[${index}].name`, message: `"${name}" is already the name of clusters[${first}]; cluster names must be unique.` });
    } else seen.set(name, index);
  });
  return issues;
}

/** Where the components run, once the clusters and the topology are known to be valid. */
interface Placement {
  readonly clusters: readonly Cluster[];
  readonly topology: Topology;
}

function resolveComponents(
  raw: Record<string, RawSettings>,
  catalogue: readonly ComponentDefinition[],
  placement: Placement | undefined,
  issues: ConfigIssue[],
): Record<string, ComponentSettings> {
  const settings: Record<string, ComponentSettings> = {};
  for (const component of catalogue) {
    const own = raw[component.name] ?? {};
    const supported = component.settings ?? [];
    for (const setting of ['replicas', 'storage', 'addresses'] as const) {
      if (own[setting] !== undefined && !supported.includes(setting)) {
        issues.push({
          field: `components.${component.name}.${setting}`,
          message: `${component.name} does not use ${setting}${supported.length > 0 ? ` (it supports: ${supported.join(', ')})` : ''}; remove it.`,
        });
      }
    }
    settings[component.name] = {
      enabled: own.enabled ?? !component.optional,
      ...(own.replicas !== undefined && { replicas: own.replicas }),
      ...(own.storage !== undefined && { storage: own.storage }),
      ...(own.addresses !== undefined && { addresses: own.addresses }),
    };
    // Address pools are checked against the clusters the component runs on, so only once those are known.
    if (placement && settings[component.name]!.enabled && supported.includes('addresses')) {
      issues.push(...componentAddressIssues(component, own.addresses, placement.clusters, placement.topology));
    }
  }
  for (const component of catalogue) {
    if (!settings[component.name]?.enabled) continue;
    for (const dependency of component.dependsOn) {
      if (settings[dependency] && !settings[dependency].enabled) {
        issues.push({
          field: `components.${component.name}`,
          message: `depends on "${dependency}", which is disabled: enable it (components.${dependency}.enabled: true) or disable ${component.name} (components.${component.name}.enabled: false).`,
        });
      }
    }
  }
  return settings;
}

const configShape = platformConfigSchema.shape;

/** The clusters as written, each parsed on its own: undefined where one is invalid (the full parse reports why). */
function parsedClusters(raw: unknown): (z.output<typeof configShape.clusters.element> | undefined)[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((cluster) => {
    const result = configShape.clusters.element.safeParse(cluster);
    return result.success ? result.data : undefined;
  });
}

/** The `components` entries that parse on their own; an invalid one counts as left out (the full parse reports it). */
function parsedComponentSettings(raw: unknown): Record<string, RawSettings> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const settingsSchema = configShape.components.unwrap().valueType;
  return Object.fromEntries(
    Object.entries(raw).flatMap(([name, value]) => {
      const result = settingsSchema.safeParse(value);
      return result.success ? [[name, result.data] as const] : [];
    }),
  );
}

/**
 * Validates a platform config against its schema and the component catalogue and resolves every
 * default. Throws `PlatformConfigError` listing all problems at once, each with the field and
 * the fix: the schema's, then the cross-field checks of every part that parsed on its own (a
 * misspelt topology does not hide an edge cluster without arch). `imagePins` are the promoted
 * images, already checked by `resolveImagePins`.
 */
export function resolvePlatform(
  input: unknown,
  catalogue: readonly ComponentDefinition[],
  source = 'platform.config.ts',
  imagePins: Readonly<Record<string, ImagePin>> = {},
): Platform {
  const raw = (input !== null && typeof input === 'object' ? input : {}) as { topology?: unknown; components?: unknown; clusters?: unknown };
  const parsed = platformConfigSchema.safeParse(input, { reportInput: true });
  const issues: ConfigIssue[] = parsed.success ? [] : schemaIssues(parsed.error);
  issues.push(...duplicateClusterIssues(raw.clusters));

  const clustersAsWritten = parsedClusters(raw.clusters);
  const clusters = clustersAsWritten.map((cluster, index) => (cluster ? resolveCluster(cluster, index, issues, clustersAsWritten.length === 1) : undefined));
  const topology = configShape.topology.safeParse(raw.topology).data as Topology | undefined;
  // Which roles the clusters cover is known only when every cluster parsed.
  const placement = topology && clusters.length > 0 && clusters.every((c) => c !== undefined) ? { clusters: clusters as Cluster[], topology } : undefined;
  if (placement) {
    for (const role of rolesNeeded[placement.topology]) {
      if (!placement.clusters.some((c) => c.role === role)) {
        issues.push({
          field: 'topology',
          message: `"${placement.topology}" needs at least one ${role} cluster; add one to clusters or choose another topology.`,
        });
      }
    }
  }
  issues.push(...unknownComponentIssues(raw.components, catalogue));
  const components = resolveComponents(parsedComponentSettings(raw.components), catalogue, placement, issues);
  if (!parsed.success || issues.length > 0 || !placement) throw new PlatformConfigError(source, issues);
  const config = parsed.data;

  return {
    name: config.name ?? configDefaults.name,
    domain: config.domain,
    git: { repoURL: config.git.repoURL, revision: config.git.revision ?? configDefaults.revision },
    images: { registry: config.images?.registry ?? configDefaults.registry, tag: config.images?.tag ?? configDefaults.tag },
    imagePins,
    topology: placement.topology,
    clusters: placement.clusters,
    components,
    // No certificates unless the config names a cert-manager ClusterIssuer.
    ingress: config.ingress?.clusterIssuer ? { clusterIssuer: config.ingress.clusterIssuer } : {},
  };
}
