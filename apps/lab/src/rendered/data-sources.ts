import type { ObjectIndex } from './object-index.ts';
import { secretPath, type SecretValuesByPath } from './secret-values.ts';

/** One key of a ConfigMap or Secret: text, or base64 of bytes (`binaryData`, a Secret's `data`). */
export interface DataEntry {
  readonly value: string;
  readonly encoding: 'utf8' | 'base64';
}

export type KeyedData = Readonly<Record<string, DataEntry>>;

/** Where a pod's ConfigMaps and Secrets come from; undefined when the object does not exist. */
export interface DataSources {
  configMap(namespace: string, name: string): KeyedData | undefined;
  secret(namespace: string, name: string): KeyedData | undefined;
}

/** The text of an entry, as an environment variable holds it. */
export function entryText(entry: DataEntry): string {
  return entry.encoding === 'utf8' ? entry.value : Buffer.from(entry.value, 'base64').toString('utf8');
}

function stringRecord(value: unknown): Record<string, string> {
  return value !== null && typeof value === 'object' ? (value as Record<string, string>) : {};
}

function entries(values: Record<string, string>, encoding: DataEntry['encoding']): Record<string, DataEntry> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, encoding }]));
}

/**
 * ConfigMaps from the rendered objects; Secrets from the rendered objects (Argo CD or Fleet would
 * apply those) and else from the lab's values for `cluster` (what the secrets script creates).
 * A rendered Secret's `stringData` wins over its `data`, as the API server merges them.
 */
export function dataSources(index: ObjectIndex, secrets: SecretValuesByPath, cluster: string): DataSources {
  return {
    configMap(namespace, name) {
      const object = index.get('ConfigMap', namespace, name);
      if (!object) return undefined;
      return { ...entries(stringRecord(object['binaryData']), 'base64'), ...entries(stringRecord(object['data']), 'utf8') };
    },
    secret(namespace, name) {
      const object = index.get('Secret', namespace, name);
      if (object) return { ...entries(stringRecord(object['data']), 'base64'), ...entries(stringRecord(object['stringData']), 'utf8') };
      const values = secrets[secretPath(cluster, namespace, name)];
      return values ? entries({ ...values }, 'utf8') : undefined;
    },
  };
}
