import type { KubeObject } from '@millwright/kube';

/** What the lab looks objects up by: kind, namespace and name (namespace `default` when unset, as the API server does). */
export interface ObjectIndex {
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  ofKind(kind: string): readonly KubeObject[];
}

/** The namespace an object lives in. */
export function namespaceOf(object: KubeObject): string {
  return object.metadata.namespace ?? 'default';
}

/** Indexes one cluster's objects. */
export function indexObjects(objects: readonly KubeObject[]): ObjectIndex {
  const byKey = new Map<string, KubeObject>();
  const byKind = new Map<string, KubeObject[]>();
  for (const object of objects) {
    byKey.set(`${object.kind}/${namespaceOf(object)}/${object.metadata.name}`, object);
    byKind.set(object.kind, [...(byKind.get(object.kind) ?? []), object]);
  }
  return {
    get: (kind, namespace, name) => byKey.get(`${kind}/${namespace}/${name}`),
    ofKind: (kind) => byKind.get(kind) ?? [],
  };
}
