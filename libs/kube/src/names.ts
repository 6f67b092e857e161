/**
 * The one table of directory, file, label and annotation names. Nothing else in the code base
 * spells a path of the GitOps tree or a label key (argocd-autopilot's `store.Default`).
 */
export const names = {
  /** Directories the gitops writer owns; it replaces them whole on every render. */
  ownedRoots: ['k8s', 'bootstrap', 'fleet', 'dags'],
  k8sRoot: 'k8s',
  baseDir: 'base',
  overlaysDir: 'overlays',
  /** `k8s/<component>/chart/`: the Fleet bundle of a component's Helm chart. */
  chartDir: 'chart',
  fleetBundleFile: 'fleet.yaml',
  kustomizationFile: 'kustomization.yaml',
  bootstrapRoot: 'bootstrap',
  bootstrapRootApp: 'bootstrap/root.yaml',
  bootstrapChildren: 'bootstrap/children',
  bootstrapArgoCdConfigPatch: 'bootstrap/argocd-cm-patch.yaml',
  fleetRoot: 'fleet',
  /** Airflow DAG files, one per pipeline spec (libs/pipelines), git-synced by the Airflow chart. */
  dagsRoot: 'dags',
  argoCdNamespace: 'argocd',
  fleetNamespace: 'fleet-default',
  /**
   * Namespaces the delivery engines run in besides `argoCdNamespace`: Fleet's controllers and
   * agents (`cattle-fleet-*`) and Rancher's. In-cluster admission bindings never reach into them.
   */
  deliveryNamespaces: ['fleet-default', 'fleet-local', 'cattle-system', 'cattle-fleet-system', 'cattle-fleet-local-system', 'cattle-impersonation-system'],
  /** Namespaces Kubernetes itself owns; admission bindings never reach into them. */
  systemNamespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  labels: {
    name: 'app.kubernetes.io/name',
    instance: 'app.kubernetes.io/instance',
    version: 'app.kubernetes.io/version',
    component: 'app.kubernetes.io/component',
    partOf: 'app.kubernetes.io/part-of',
    managedBy: 'app.kubernetes.io/managed-by',
    /** Helm's older label (`heritage: Helm`), which charts such as Airflow's use instead of managed-by. */
    helmHeritage: 'heritage',
    /** Selects every pod of one platform component (NetworkPolicies use it). */
    millwrightComponent: 'millwright.io/component',
    millwrightPlane: 'millwright.io/plane',
    /** On the Fleet bundle of a component's Helm chart, `chart`: the component's other bundles wait for it. */
    bundle: 'millwright.io/bundle',
    /** On Fleet clusters: which platform cluster this is, and its role. */
    cluster: 'millwright.io/cluster',
    role: 'millwright.io/role',
    arch: 'kubernetes.io/arch',
    namespaceName: 'kubernetes.io/metadata.name',
    podSecurityEnforce: 'pod-security.kubernetes.io/enforce',
    podSecurityEnforceVersion: 'pod-security.kubernetes.io/enforce-version',
    podSecurityWarn: 'pod-security.kubernetes.io/warn',
    podSecurityAudit: 'pod-security.kubernetes.io/audit',
  },
  annotations: {
    syncWave: 'argocd.argoproj.io/sync-wave',
    argoHook: 'argocd.argoproj.io/hook',
    argoHookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
    /**
     * `"true"` on a workload whose images CI has promoted (`gitops set-image`): every image must
     * then carry its digest (policy millwright-images-pinned).
     */
    promoted: 'millwright.io/promoted',
    /** On a NodePort/LoadBalancer Service: what its component declares it exposes (e.g. `mqtt`). */
    exposed: 'millwright.io/exposed',
    /** On every Ingress: who checks visitors, `basic-auth` (Traefik Middleware) or `own-login` (the UI's login). */
    ingressAuth: 'millwright.io/ingress-auth',
    /**
     * On a Namespace that does not enforce Pod Security "restricted": why it cannot (policy
     * millwright-pod-security-explained requires it), e.g. MetalLB's speaker needs the host network.
     */
    podSecurityExceptionReason: 'millwright.io/pod-security-exception-reason',
    /** Traefik's Ingress annotations: the Middlewares a router runs, its entry points, TLS. */
    traefikMiddlewares: 'traefik.ingress.kubernetes.io/router.middlewares',
    traefikEntrypoints: 'traefik.ingress.kubernetes.io/router.entrypoints',
    traefikTls: 'traefik.ingress.kubernetes.io/router.tls',
    /** cert-manager's ingress-shim: issue the Ingress's TLS Secret from this ClusterIssuer. */
    certManagerClusterIssuer: 'cert-manager.io/cluster-issuer',
  },
  /** The ingress controller K3s ships: its IngressClass, namespace and pod label (NetworkPolicies admit it). */
  traefik: { ingressClass: 'traefik', namespace: 'kube-system', podLabel: { key: 'app.kubernetes.io/name', value: 'traefik' } },
  /**
   * The machine-edited file of promoted image pins (`{ "<app>": { "tag", "digest" } }`) at the
   * repository root, written by `gitops set-image` and merged into the platform when it loads.
   */
  imagePinsFile: 'platform.images.json',
  /** Where the platform's own apps live (`apps/<app>/`), each built from its `Dockerfile` by CI. */
  appsRoot: 'apps',
  dockerfile: 'Dockerfile',
  /**
   * Argo CD's cascade-deletion finalizer, in its explicit foreground form: the bare
   * `resources-finalizer.argocd.argoproj.io` means the same, but has no path, so the API server
   * answers every apply of an Application with a warning (found by the real-API-server tests).
   */
  argoCdResourcesFinalizer: 'resources-finalizer.argocd.argoproj.io/foreground',
  managedBy: 'millwright',
  /** The value both of Helm's labels carry on what a chart renders. */
  helmManagedBy: 'Helm',
  /** The first line of every generated file. */
  banner: '# Generated by Millwright (npm run render) from platform.config.ts. Do not edit: change the config or the generator and re-render.',
} as const;

/** `k8s/<component>` */
export function bundleDir(component: string): string {
  return `${names.k8sRoot}/${component}`;
}

/** `k8s/<component>/overlays/<cluster>` */
export function overlayDir(component: string, cluster: string): string {
  return `${bundleDir(component)}/${names.overlaysDir}/${cluster}`;
}

/** `k8s/<component>/base` */
export function baseDir(component: string): string {
  return `${bundleDir(component)}/${names.baseDir}`;
}

/** `k8s/<component>/chart`: the Fleet bundle that deploys the component's Helm chart. */
export function chartBundleDir(component: string): string {
  return `${bundleDir(component)}/${names.chartDir}`;
}
