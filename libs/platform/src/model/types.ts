import type { KubeObject } from '../kube/kube-object.ts';

/** Where a cluster sits: on the shop floor (small, often arm64) or in the core/cloud. */
export type ClusterRole = 'edge' | 'cloud';

/** CPU architectures K3s runs on in our clusters; values of the `kubernetes.io/arch` node label. */
export type Arch = 'amd64' | 'arm64';

/**
 * The three experimental scenarios of the MLOps-IE-RA seed: everything on the edge, a split
 * between edge and cloud, or everything in the cloud.
 */
export type Topology = 'edge-only' | 'hybrid' | 'cloud-only';

export const clusterRoles: readonly ClusterRole[] = ['edge', 'cloud'];
export const arches: readonly Arch[] = ['amd64', 'arm64'];
export const topologies: readonly Topology[] = ['edge-only', 'hybrid', 'cloud-only'];

/** ISA-95-style planes; each becomes one namespace and one Argo CD AppProject. */
export type Plane = 'ot' | 'it' | 'governance';
export const planes: readonly Plane[] = ['governance', 'it', 'ot'];

/**
 * The order in which Argo CD syncs child Applications (and Fleet's `dependsOn` mirrors it):
 * namespaces and cluster policies first, then data stores, then platform services, then our apps.
 */
export type SyncWave = 'foundation' | 'data' | 'services' | 'apps';
export const syncWaveOrder: Readonly<Record<SyncWave, number>> = { foundation: 0, data: 10, services: 20, apps: 30 };

/**
 * What a cluster's admission control does with an object that breaks a platform policy: refuse
 * it (`Deny`), admit it with a warning to the client (`Warn`), or only record it in the API
 * server's audit log (`Audit`). The values of a ValidatingAdmissionPolicyBinding's
 * `validationActions`.
 */
export type AdmissionAction = 'Deny' | 'Warn' | 'Audit';
export const admissionActions: readonly AdmissionAction[] = ['Deny', 'Warn', 'Audit'];

/** A container image pinned by tag (and by digest once CI promotes it). */
export interface ImageRef {
  readonly repository: string;
  readonly tag: string;
  readonly digest?: string;
}

/** CPU and memory requests and limits of one container. */
export interface ResourceSpec {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

/** A network flow a component needs: it becomes egress on the client and ingress on the server. */
export interface Flow {
  /** The component this one connects to. */
  readonly to: string;
  /** The named port of the target component. */
  readonly port: string;
  /** Only under these topologies (e.g. the edge feature store where there is an edge). @default all */
  readonly topologies?: readonly Topology[];
}

/** A port a component serves, reachable by the components that declare a flow to it. */
export interface ServicePort {
  readonly name: string;
  readonly port: number;
}

/** A Secret the component reads; created by the operator before the first sync (never rendered). */
export interface SecretRequirement {
  readonly name: string;
  readonly keys: readonly string[];
  readonly description: string;
  /**
   * Keys whose value must equal a value another Secret holds (the same database password in the
   * postgres Secret and in the app's), by key: the name of that shared value.
   */
  readonly shared?: Readonly<Record<string, string>>;
  /**
   * Keys holding one htpasswd line (bcrypt) built from two shared values, by key: the shared
   * names of the user and of the password (the ingress basic-auth line of a client whose
   * credentials another Secret holds). Such a key must also be listed in `keys`.
   */
  readonly htpasswd?: Readonly<Record<string, HtpasswdLine>>;
  /** Only under these topologies (e.g. credentials only clients on another cluster need). @default all */
  readonly topologies?: readonly Topology[];
}

/** An htpasswd line whose user and password are shared values (see `SecretRequirement.shared`). */
export interface HtpasswdLine {
  readonly userShared: string;
  readonly passwordShared: string;
}

/** A resolved address of another component's port. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
  /** True when the target runs on another cluster and is reached over TLS through its ingress. */
  readonly remote: boolean;
}

/** A cluster as the platform config declares it, with defaults resolved. */
export interface Cluster {
  readonly name: string;
  readonly role: ClusterRole;
  readonly arch: Arch;
  /** Labels the cluster carries in Fleet; bundles select the cluster by them. */
  readonly labels: Readonly<Record<string, string>>;
  /** Extra node labels every workload on this cluster must match (beside `kubernetes.io/arch`). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Argo CD destination: the API server URL or the name of a cluster registered in Argo CD. */
  readonly destination: { readonly server: string } | { readonly name: string };
  /** What admission does with an object that breaks a platform policy on this cluster. */
  readonly admission: AdmissionAction;
}

/** The image CI built and promoted for one of the platform's own apps (`gitops set-image`). */
export interface ImagePin {
  readonly tag: string;
  /** `sha256:<64 hex>`: the digest of the multi-arch image index CI pushed. */
  readonly digest: string;
}

/** Per-component settings from the platform config, with defaults resolved. */
export interface ComponentSettings {
  readonly enabled: boolean;
  readonly replicas?: number;
  readonly storage?: string;
  /** Address ranges by cluster name (CIDRs or `first-last`), e.g. the load balancer's pool. */
  readonly addresses?: Readonly<Record<string, readonly string[]>>;
}

/** A Pod Security level weaker than "restricted"; "privileged" allows the host network. */
export type PodSecurityLevel = 'privileged' | 'baseline';

/**
 * Why a component's pods cannot meet Pod Security "restricted" (MetalLB's speaker needs the
 * host network and NET_RAW). Such a component gets a namespace of its own, enforcing `level`,
 * which the restricted admission policy leaves out; every other namespace stays restricted.
 */
export interface PodSecurityException {
  readonly level: PodSecurityLevel;
  /** One sentence a reviewer can check; rendered as the namespace's reason annotation. */
  readonly reason: string;
}

/** A deployed component that declares a Pod Security exception, with its own namespace. */
export interface PodSecurityExemption extends PodSecurityException {
  readonly component: string;
  readonly namespace: string;
  readonly plane: Plane;
  /** The names of the clusters the component runs on: only there is its namespace rendered and exempt. */
  readonly clusters: readonly string[];
}

/** The validated platform: what every renderer receives. */
export interface Platform {
  readonly name: string;
  readonly domain: string;
  readonly git: { readonly repoURL: string; readonly revision: string };
  /** Registry and tag of the platform's own images (inference-api, ui, ...). */
  readonly images: { readonly registry: string; readonly tag: string };
  /** Promoted images of the platform's own apps, by app, from `platform.images.json`; they override `images.tag`. */
  readonly imagePins: Readonly<Record<string, ImagePin>>;
  readonly topology: Topology;
  readonly clusters: readonly Cluster[];
  readonly components: Readonly<Record<string, ComponentSettings>>;
  readonly ingress: IngressSettings;
}

/** How the UIs are served through each cluster's ingress (Traefik, K3s's default). */
export interface IngressSettings {
  /**
   * The cert-manager ClusterIssuer that issues each host's certificate; without it (the default)
   * no certificate is requested and Traefik serves its default certificate.
   */
  readonly clusterIssuer?: string;
}

/**
 * Who checks a visitor at an ingress route: Traefik's basic-auth Middleware with the users of
 * the namespace's `ingress-basic-auth` Secret, or the UI's own login (allowed only for the UIs
 * named in `ownLoginAllowList`).
 */
export type IngressAuth = 'basic-auth' | 'own-login';

/** One host a component serves through the ingress: `<host>.<domain>` to a Service port. */
export interface IngressRoute {
  /** The first DNS label: `grafana` for `grafana.<domain>`. */
  readonly host: string;
  /** The Service the route ends at (a chart's Service, or the component's own). */
  readonly service: string;
  /** The Service's port number. */
  readonly servicePort: number;
  /** The pods' port behind it: the NetworkPolicy admits Traefik to it. */
  readonly podPort: number;
  readonly auth: IngressAuth;
  /**
   * A path under the host that this route alone serves, stripped before the request reaches the
   * Service (a Traefik StripPrefix Middleware): `/api` sends `ui.<domain>/api/predict` to the
   * Service's `/predict`. Lets a browser app reach its API on its own origin, so there is no
   * cross-origin preflight for the basic auth to refuse. @default the whole host, nothing stripped
   */
  readonly pathPrefix?: string;
  /** Only when this holds (e.g. a receiver only the edge of a hybrid platform uses). @default always */
  readonly when?: (context: BuildContext) => boolean;
}

/**
 * A TCP port a component serves to clients on other clusters through the ingress, at
 * `<component>.<domain>:443` (where `BuildContext.endpoint` sends them): Traefik terminates TLS on
 * its HTTPS entry point, picks the route by the TLS server name (SNI) and forwards plain TCP to
 * the Service. A TCP stream carries no HTTP header, so no basic auth can guard it: the protocol's
 * own login must (PostgreSQL's password per database role). Rendered only where a deployed
 * component on another cluster declares a flow to the port, so no topology opens it needlessly.
 */
export interface TcpIngressRoute {
  /** The named port (one of the component's `ports`) the clients connect to: its number is the Service port. */
  readonly port: string;
  /** The Service the route ends at. */
  readonly service: string;
  /** The pods' port behind it: the NetworkPolicy admits Traefik to it. */
  readonly podPort: number;
}

/** What a component's `build` receives: the platform and its own settings and names. */
export interface BuildContext {
  readonly platform: Platform;
  /** The name of the component being built. */
  readonly component: string;
  readonly settings: ComponentSettings;
  /** The namespace of the component's plane. */
  readonly namespace: string;
  /** The namespace of another plane (for service addresses across planes). */
  readonly namespaceOf: (plane: Plane) => string;
  /** The deployed components that declare a Pod Security exception, in catalogue order. */
  readonly podSecurityExemptions: readonly PodSecurityExemption[];
  /**
   * Where another component's named port is reached: its in-cluster Service when it runs on
   * every cluster this component runs on; else, across clusters, `<component>.<domain>:443`
   * through the other cluster's ingress, with TLS (`remote: true`).
   */
  readonly endpoint: (component: string, port: string) => Endpoint;
  /** True when the named component is enabled and placed under the topology. */
  readonly isDeployed: (component: string) => boolean;
  /** The image of one of the platform's own apps, from the configured registry and tag. */
  readonly ownImage: (app: string) => ImageRef;
}

/** A Kubernetes API group and kind, as Argo CD's project whitelists name them (`''` is the core group). */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

/**
 * An upstream Helm chart a component deploys at a pinned version, with values generated per
 * cluster (docs/decisions.md, "D3": large third-party systems come from their charts). Argo CD renders
 * it as a second source of the component's Application, Fleet as a bundle of its own beside the
 * kustomize bundle; the component's own objects (rules, dashboards, policies) stay in the overlays.
 */
export interface HelmChart {
  /** The chart repository: the HTTPS URL of its `index.yaml`. */
  readonly repoURL: string;
  readonly chart: string;
  /** An exact chart version (`91.5.0`), never a range. */
  readonly version: string;
  readonly releaseName: string;
  /** The values for one cluster the component runs on (smaller on edge clusters, for instance). */
  readonly values: (context: BuildContext, cluster: Cluster) => Record<string, unknown>;
  /**
   * A strict JSON Schema (draft 2020-12) of the keys `values` sets, each checked against the
   * chart's values.yaml at the pinned version: it rejects a misspelt key, which the chart would
   * silently ignore. Charts cannot be rendered offline, so this is the check their values get.
   */
  readonly valuesSchema: object;
  /** The kinds the chart renders with these values; the component's AppProject allows them. */
  readonly kinds: { readonly clusterScoped: readonly GroupKind[]; readonly namespaced: readonly GroupKind[] };
  /** Namespaces besides the component's that the chart writes into (its AppProject allows them). */
  readonly extraNamespaces?: (context: BuildContext) => readonly string[];
}

/**
 * One deployable part of the platform. A component file exports one of these; the renderers
 * turn it into a self-contained bundle under `k8s/<name>/`.
 */
export interface ComponentDefinition {
  readonly name: string;
  readonly description: string;
  readonly plane: Plane;
  readonly wave: SyncWave;
  /** Which cluster roles run the component under each topology (empty: not deployed). */
  readonly placement: Readonly<Record<Topology, readonly ClusterRole[]>>;
  /** Off unless the platform config enables it. */
  readonly optional?: boolean;
  /** Which per-component settings it honours; any other setting in the config is an error. */
  readonly settings?: readonly ('replicas' | 'storage' | 'addresses')[];
  /** Components that must be running first (same cluster, or reachable across clusters). */
  readonly dependsOn: readonly string[];
  /** Pinned third-party images, or the platform's own (see `BuildContext.ownImage`). */
  readonly images: Readonly<Record<string, ImageRef | 'own'>>;
  /** Why this image source was chosen; shown in the README's component table. */
  readonly imageSource: string;
  readonly ports: readonly ServicePort[];
  readonly flows: readonly Flow[];
  readonly secrets: readonly SecretRequirement[];
  /** Container resources on edge clusters (small nodes), by container name, where they differ. */
  readonly edgeResources?: Readonly<Record<string, ResourceSpec>>;
  /** An upstream Helm chart the component deploys besides its own objects. */
  readonly helm?: HelmChart;
  /**
   * Set only when the component's pods cannot meet Pod Security "restricted": it then runs in
   * its own namespace `<platform>-<name>` at this level. @default none: the plane's restricted namespace
   */
  readonly podSecurityException?: PodSecurityException;
  /** The hosts it serves through the ingress; each gets an Ingress, its auth and a NetworkPolicy for Traefik. */
  readonly ingress?: readonly IngressRoute[];
  /**
   * The TCP port clients on other clusters reach through the ingress; one at most, since the
   * component has one host across clusters (`<component>.<domain>`). @default none
   */
  readonly tcpIngress?: TcpIngressRoute;
  /** The component's Kubernetes objects, before secure defaults and placement are applied. */
  readonly build: (context: BuildContext) => readonly KubeObject[];
  /**
   * Objects that differ per cluster (e.g. admission bindings whose action follows the cluster's
   * `admission` setting); rendered into that cluster's overlay only.
   */
  readonly buildForCluster?: (context: BuildContext, cluster: Cluster) => readonly KubeObject[];
}
