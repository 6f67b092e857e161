import { names, type KubeObject } from '@millwright/platform';

/** A policy fixture's objects made ready for one shared API server. */
export interface IsolatedFixture {
  /** The fixture's objects, every namespace name prefixed, every Namespace in a plane. */
  readonly objects: readonly KubeObject[];
  /** Namespaces the objects use but the fixture does not define, labelled like the platform's. */
  readonly namespaces: readonly KubeObject[];
}

/**
 * Gives a fixture namespaces of its own on a shared API server, where namespaces cannot be
 * deleted (no controller-manager finalizes them) and two fixtures may use one name differently:
 * every namespace name gets `prefix`. The in-cluster bindings select only the platform's plane
 * namespaces, so a fixture Namespace without a plane joins `planeLabels`' plane, and a namespace
 * the fixture only refers to is made with `planeLabels`, a platform namespace's labels. The
 * offline runner and the API server are given exactly these objects.
 */
export function isolateFixture(objects: readonly KubeObject[], prefix: string, planeLabels: Readonly<Record<string, string>>): IsolatedFixture {
  const rename = (namespace: string) => `${prefix}-${namespace}`;
  const plane = planeLabels[names.labels.millwrightPlane];
  if (plane === undefined) throw new Error(`planeLabels lack ${names.labels.millwrightPlane}`);
  const isolated = objects.map((object) => {
    const copy = structuredClone(object) as KubeObject;
    if (copy.kind === 'Namespace') {
      copy.metadata = { ...copy.metadata, name: rename(copy.metadata.name), labels: { [names.labels.millwrightPlane]: plane, ...copy.metadata.labels } };
    } else if (copy.metadata.namespace !== undefined) {
      copy.metadata = { ...copy.metadata, namespace: rename(copy.metadata.namespace) };
    }
    return copy;
  });
  const defined = new Set(isolated.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name));
  const used = [...new Set(isolated.flatMap((o) => (o.metadata.namespace === undefined ? [] : [o.metadata.namespace])))].filter((n) => !defined.has(n));
  const namespaces = used.map((name): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { ...planeLabels } } }));
  return { objects: isolated, namespaces };
}
