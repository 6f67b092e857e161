import { names, type KubeObject } from '@millwright/platform';

/** Argo CD reads a Secret with this label as a cluster it may deploy to (declarative setup). */
export const argoCdSecretTypeLabel = 'argocd.argoproj.io/secret-type';

/**
 * The service account Argo CD signs in to a workload cluster with, as `argocd cluster add`
 * creates it: `argocd-manager` in kube-system, bound to a ClusterRole that may do anything.
 * Argo CD deploys cluster-scoped objects (namespaces, admission policies), so less would not do.
 */
export const argoCdManager = {
  namespace: 'kube-system',
  serviceAccount: 'argocd-manager',
  clusterRole: 'argocd-manager-role',
  clusterRoleBinding: 'argocd-manager-role-binding',
  /** A long-lived token Secret, filled in by the cluster's token controller. */
  tokenSecret: 'argocd-manager-token',
} as const;

/** The objects that give Argo CD its own login on a workload cluster. */
export function argoCdManagerObjects(partOf: string): KubeObject[] {
  const labels = { [names.labels.partOf]: partOf };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: argoCdManager.serviceAccount, namespace: argoCdManager.namespace, labels } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: argoCdManager.clusterRole, labels },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: argoCdManager.clusterRoleBinding, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: argoCdManager.clusterRole },
      subjects: [{ kind: 'ServiceAccount', name: argoCdManager.serviceAccount, namespace: argoCdManager.namespace }],
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'kubernetes.io/service-account-token',
      metadata: {
        name: argoCdManager.tokenSecret,
        namespace: argoCdManager.namespace,
        labels,
        annotations: { 'kubernetes.io/service-account.name': argoCdManager.serviceAccount },
      },
    },
  ];
}

/** What Argo CD needs to reach a cluster: the `config` key of its cluster Secret. */
export type ArgoCdClusterConfig =
  | { readonly bearerToken: string; readonly tlsClientConfig: { readonly insecure: false; readonly caData: string } }
  /** The management cluster itself: Argo CD uses its own service account. */
  | { readonly tlsClientConfig: { readonly insecure: false } };

/**
 * A declarative cluster Secret (Argo CD "Declarative Setup", Clusters): `name` is what the
 * Applications' `destination.name` says, `server` the API server Argo CD connects to. Its
 * `config` key, the credentials as JSON (`ArgoCdClusterConfig`), is added where they are known.
 */
export function argoCdClusterSecret(partOf: string, name: string, server: string): KubeObject & { stringData: Record<string, string> } {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: `cluster-${name}`,
      namespace: names.argoCdNamespace,
      labels: { [argoCdSecretTypeLabel]: 'cluster', [names.labels.partOf]: partOf },
    },
    stringData: { name, server },
  };
}
