import { formatIssues, inClusterServer, secretKeySource, sharedValueNames, type ConfigIssue, type Platform, type RequiredSecret } from '@millwright/platform';

/** Who syncs the clusters once Day 0 has handed them over. */
export const deliveryEngines = ['argocd', 'fleet'] as const;
export type DeliveryEngine = (typeof deliveryEngines)[number];

/** How the program reaches one cluster of the platform. */
export interface ClusterAccess {
  /** The kubeconfig context of the cluster. */
  readonly context: string;
  /**
   * The API server URL Argo CD (on the management cluster) reaches this cluster at; asked for
   * only when Argo CD registers the cluster by name. @default the in-cluster server when the
   * cluster is the management cluster itself
   */
  readonly server?: string;
  /** The name of the cluster's `clusters.fleet.cattle.io` object in Rancher. @default the platform cluster's name */
  readonly fleetCluster?: string;
}

/** The stack config, checked against the platform: every value the program acts on. */
export interface Day0Config {
  readonly engine: DeliveryEngine;
  /** A kubeconfig file; unset, the usual kubeconfig (`$KUBECONFIG`, `~/.kube/config`). */
  readonly kubeconfig?: string;
  /** The kubeconfig context of the cluster Argo CD runs on, or of the Rancher (Fleet) management cluster. */
  readonly managementContext: string;
  /** By platform cluster name (platform.config.ts). */
  readonly clusters: Readonly<Record<string, ClusterAccess>>;
  /** Values several Secrets hold, by shared name; a shared name not given is generated. */
  readonly shared: Readonly<Record<string, string>>;
  /** Values of one Secret's keys, by `<cluster>/<namespace>/<secret>` then key; a key not given is generated. */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The stack config as Pulumi hands it over (`pulumi config`), before any check. `plaintextKeys`
 * lists the keys that hold values but were set without `--secret`.
 */
export interface RawStackConfig {
  readonly engine?: unknown;
  readonly kubeconfig?: unknown;
  readonly managementContext?: unknown;
  readonly clusters?: unknown;
  readonly shared?: unknown;
  readonly values?: unknown;
  readonly plaintextKeys?: readonly string[];
}

/** Thrown when the stack config is unusable; carries every problem found, each with the command that fixes it. */
export class Day0ConfigError extends Error {
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(formatIssues('Pulumi stack config (Pulumi.<stack>.yaml)', issues));
    this.name = 'Day0ConfigError';
  }
}

/** The stack config keys that hold Secret values; they must be set with `--secret`. */
export const secretConfigKeys = ['shared', 'values'] as const;

/** `<cluster>/<namespace>/<secret>`: how `values` and the outputs name one Secret. */
export function secretPath(secret: Pick<RequiredSecret, 'cluster' | 'namespace' | 'name'>): string {
  return `${secret.cluster}/${secret.namespace}/${secret.name}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Whether Argo CD needs a declarative cluster Secret for the cluster: any destination but its own in-cluster server. */
export function needsArgoCdRegistration(cluster: Platform['clusters'][number]): boolean {
  return !('server' in cluster.destination && cluster.destination.server === inClusterServer);
}

function checkClusters(platform: Platform, raw: unknown, managementContext: unknown, engine: unknown, issues: ConfigIssue[]): Record<string, ClusterAccess> {
  const setContext = (name: string) => `pulumi config set --path 'clusters.${name}.context' <kubeconfig context>`;
  if (!isRecord(raw)) {
    issues.push({
      field: 'clusters',
      message: `must map each cluster of ${platform.name} (${platform.clusters.map((c) => c.name).join(', ')}) to its kubeconfig context: ${setContext(platform.clusters[0]?.name ?? '<cluster>')}`,
    });
    return {};
  }
  const known = platform.clusters.map((c) => c.name);
  for (const name of Object.keys(raw).filter((n) => !known.includes(n))) {
    issues.push({ field: `clusters.${name}`, message: `is not a cluster of platform.config.ts (its clusters: ${known.join(', ')}); remove it: pulumi config rm --path 'clusters.${name}'` });
  }
  const access: Record<string, ClusterAccess> = {};
  for (const cluster of platform.clusters) {
    const entry = raw[cluster.name];
    if (!isRecord(entry) || !isNonEmptyString(entry['context'])) {
      issues.push({ field: `clusters.${cluster.name}.context`, message: `is missing: ${setContext(cluster.name)}` });
      continue;
    }
    const context = entry['context'];
    const server = entry['server'];
    const fleetCluster = entry['fleetCluster'];
    if (server !== undefined && (!isNonEmptyString(server) || !/^https:\/\//.test(server))) {
      issues.push({ field: `clusters.${cluster.name}.server`, message: `must be an https:// URL of the cluster's API server, got ${JSON.stringify(server)}` });
    }
    if (fleetCluster !== undefined && !isNonEmptyString(fleetCluster)) {
      issues.push({ field: `clusters.${cluster.name}.fleetCluster`, message: `must be the name of the cluster in Rancher (clusters.fleet.cattle.io), got ${JSON.stringify(fleetCluster)}` });
    }
    const registeredByName = 'name' in cluster.destination;
    if (engine === 'argocd' && registeredByName && server === undefined && context !== managementContext) {
      issues.push({
        field: `clusters.${cluster.name}.server`,
        message: `is missing: Argo CD reaches cluster ${cluster.name} by name (argocd.name in platform.config.ts), so give the API server URL the management cluster reaches it at: pulumi config set --path 'clusters.${cluster.name}.server' https://<host>:6443`,
      });
    }
    access[cluster.name] = {
      context,
      ...(isNonEmptyString(server) && { server }),
      ...(isNonEmptyString(fleetCluster) && { fleetCluster }),
    };
  }
  const byContext = new Map<string, string>();
  for (const [name, { context }] of Object.entries(access)) {
    const other = byContext.get(context);
    if (other) issues.push({ field: `clusters.${name}.context`, message: `${context} is also the context of cluster ${other}: each cluster of platform.config.ts is a cluster of its own, with a context of its own` });
    byContext.set(context, name);
  }
  return access;
}


function checkShared(raw: unknown, secrets: readonly RequiredSecret[], issues: ConfigIssue[]): Record<string, string> {
  if (raw === undefined) return {};
  const names = [...new Set(secrets.flatMap(sharedValueNames))].sort();
  if (!isRecord(raw)) {
    issues.push({ field: 'shared', message: `must map shared value names to values: pulumi config set --secret --path 'shared.${names[0] ?? '<name>'}' <value>` });
    return {};
  }
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!names.includes(name)) {
      issues.push({ field: `shared.${name}`, message: `is not a value any Secret of this platform shares (they are: ${names.join(', ') || 'none'})` });
    } else if (!isNonEmptyString(value)) {
      issues.push({ field: `shared.${name}`, message: 'must be a non-empty string; leave it unset to have it generated' });
    } else {
      shared[name] = value;
    }
  }
  return shared;
}

function checkValues(raw: unknown, secrets: readonly RequiredSecret[], issues: ConfigIssue[]): Record<string, Record<string, string>> {
  if (raw === undefined) return {};
  const example = `pulumi config set --secret --path 'values.<cluster>.<namespace>.<secret>.<key>' <value>`;
  if (!isRecord(raw)) {
    issues.push({ field: 'values', message: `must map cluster, namespace, Secret and key to a value: ${example}` });
    return {};
  }
  const byPath = new Map(secrets.map((secret) => [secretPath(secret), secret]));
  const values: Record<string, Record<string, string>> = {};
  for (const [cluster, namespaces] of Object.entries(raw)) {
    for (const [namespace, secretsThere] of Object.entries(isRecord(namespaces) ? namespaces : {})) {
      for (const [name, keys] of Object.entries(isRecord(secretsThere) ? secretsThere : {})) {
        const path = `${cluster}/${namespace}/${name}`;
        const field = `values.${cluster}.${namespace}.${name}`;
        const secret = byPath.get(path);
        if (!secret) {
          const there = [...byPath.keys()].filter((p) => p.startsWith(`${cluster}/`));
          issues.push({ field, message: `no Secret ${name} in namespace ${namespace} on cluster ${cluster} (the Secrets there: ${there.join(', ') || 'none; is the cluster in platform.config.ts?'})` });
          continue;
        }
        for (const [key, value] of Object.entries(isRecord(keys) ? keys : {})) {
          const source = secret.keys.includes(key) ? secretKeySource(secret, key) : undefined;
          if (!source) issues.push({ field: `${field}.${key}`, message: `is not a key of ${name} (its keys: ${secret.keys.join(', ')})` });
          else if (source.kind === 'shared') {
            issues.push({ field: `${field}.${key}`, message: `holds the value other Secrets share as ${source.name}: set it once for all of them: pulumi config set --secret --path 'shared.${source.name}' <value>` });
          } else if (!isNonEmptyString(value)) issues.push({ field: `${field}.${key}`, message: 'must be a non-empty string; leave it unset to have it generated' });
          else values[path] = { ...values[path], [key]: value };
        }
        if (!isRecord(keys)) issues.push({ field, message: `must map the Secret's keys to values: ${example}` });
      }
      if (!isRecord(secretsThere)) issues.push({ field: `values.${cluster}.${namespace}`, message: `must map Secret names to their keys: ${example}` });
    }
    if (!isRecord(namespaces)) issues.push({ field: `values.${cluster}`, message: `must map namespaces to Secrets: ${example}` });
  }
  return values;
}

/**
 * Checks the stack config against the platform and the Secrets it requires, and reports every
 * problem at once: a missing context, a cluster or Secret key that does not exist, a value set
 * in plain text. Pure: the program's edge reads the config, this decides what it means.
 */
export function parseDay0Config(raw: RawStackConfig, platform: Platform, secrets: readonly RequiredSecret[]): Day0Config {
  const issues: ConfigIssue[] = [];
  if (!deliveryEngines.includes(raw.engine as DeliveryEngine)) {
    issues.push({ field: 'engine', message: `must be ${deliveryEngines.join(' or ')}, got ${JSON.stringify(raw.engine ?? null)}: pulumi config set engine argocd` });
  }
  if (!isNonEmptyString(raw.managementContext)) {
    issues.push({ field: 'managementContext', message: 'is missing: the kubeconfig context of the cluster Argo CD runs on (or of Rancher, for Fleet): pulumi config set managementContext <context>' });
  }
  if (raw.kubeconfig !== undefined && !isNonEmptyString(raw.kubeconfig)) {
    issues.push({ field: 'kubeconfig', message: `must be the path of a kubeconfig file, got ${JSON.stringify(raw.kubeconfig)}` });
  }
  for (const key of secretConfigKeys.filter((k) => raw.plaintextKeys?.includes(k))) {
    issues.push({ field: key, message: `holds Secret values in plain text: remove it (pulumi config rm ${key}) and set each value again with --secret` });
  }
  const clusters = checkClusters(platform, raw.clusters, raw.managementContext, raw.engine, issues);
  const shared = checkShared(raw.shared, secrets, issues);
  const values = checkValues(raw.values, secrets, issues);
  if (issues.length > 0) throw new Day0ConfigError(issues);
  return {
    engine: raw.engine as DeliveryEngine,
    ...(isNonEmptyString(raw.kubeconfig) && { kubeconfig: raw.kubeconfig }),
    managementContext: raw.managementContext as string,
    clusters,
    shared,
    values,
  };
}
