import { names, type KubeObject } from '@millwright/kube';
import type { ClusterObjects, PolicyTarget } from '../model/policy-types.ts';

/**
 * The objects bound for one cluster, indexed for the lookups admission makes: a namespace's
 * labels (for namespace selectors and `namespaceObject`), parameter objects (`paramRef`), and
 * everything in a namespace (for cross-object policies).
 */
export interface ClusterView extends ClusterObjects {
  /** The rendered Namespace object, if the tree defines it for this cluster. */
  namespaceObject(namespace: string): KubeObject | undefined;
  /**
   * The namespace's labels. Kubernetes labels every namespace with `kubernetes.io/metadata.name`,
   * so a namespace the tree does not define still matches selectors on its name.
   */
  namespaceLabels(namespace: string): Readonly<Record<string, string>>;
  /** Objects of one apiVersion and kind in a namespace (`''` for cluster-scoped ones). */
  objectsOfKind(apiVersion: string, kind: string, namespace: string): readonly KubeObject[];
}

class IndexedCluster implements ClusterView {
  private readonly namespaces = new Map<string, KubeObject>();
  private readonly byNamespace = new Map<string, KubeObject[]>();

  constructor(readonly cluster: string) {}

  add(object: KubeObject): void {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1') this.namespaces.set(object.metadata.name, object);
    const namespace = object.metadata.namespace ?? '';
    const list = this.byNamespace.get(namespace);
    if (list) list.push(object);
    else this.byNamespace.set(namespace, [object]);
  }

  namespaceObject(namespace: string): KubeObject | undefined {
    return this.namespaces.get(namespace);
  }

  namespaceLabels(namespace: string): Readonly<Record<string, string>> {
    return { ...this.namespaces.get(namespace)?.metadata.labels, [names.labels.namespaceName]: namespace };
  }

  inNamespace(namespace: string): readonly KubeObject[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  objectsOfKind(apiVersion: string, kind: string, namespace: string): readonly KubeObject[] {
    return this.inNamespace(namespace).filter((object) => object.apiVersion === apiVersion && object.kind === kind);
  }
}

/** Groups targets by the cluster they are applied to. */
export function indexClusters(targets: readonly PolicyTarget[]): ReadonlyMap<string, ClusterView> {
  const clusters = new Map<string, IndexedCluster>();
  for (const target of targets) {
    let cluster = clusters.get(target.cluster);
    if (!cluster) clusters.set(target.cluster, (cluster = new IndexedCluster(target.cluster)));
    cluster.add(target.object);
  }
  return clusters;
}
