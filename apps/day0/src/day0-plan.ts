import { bundleDir, inClusterServer, names, requiredSecrets, type ClusterRole, type KubeObject, type Platform } from '@millwright/platform';
import { fleetClusterLabels, parseYamlFile, renderedNamespaces, type RenderedTree } from '@millwright/manifests';
import { argoCdChart, argoCdValues } from './argocd-release.ts';
import { argoCdClusterSecret, argoCdManagerObjects } from './argocd-cluster-registration.ts';
import { needsArgoCdRegistration, type Day0Config } from './day0-config.ts';
import { adoptableByFleet, fleetRelease } from './fleet-namespace-adoption.ts';
import { planSecretValues, type SecretPlan, type SharedValuePlan } from './secret-values.ts';

/** What Day 0 prepares on one workload cluster before the delivery engine's first sync. */
export interface ClusterPlan {
  readonly name: string;
  readonly role: ClusterRole;
  readonly context: string;
  /** Every namespace the platform renders for the cluster, labelled as its overlay labels it. */
  readonly namespaces: readonly KubeObject[];
  readonly secrets: readonly SecretPlan[];
}

/** One cluster Argo CD is told about with a declarative cluster Secret. */
export interface ArgoCdRegistration {
  readonly cluster: string;
  /** The name Applications use as their destination. */
  readonly name: string;
  readonly server: string;
  /** The management cluster itself: no token, Argo CD uses its own service account. */
  readonly inCluster: boolean;
  /** The cluster Secret, without the credentials (its `config` key). */
  readonly secret: ReturnType<typeof argoCdClusterSecret>;
  /** What gives Argo CD its login on the cluster; none when `inCluster`. */
  readonly managerObjects: readonly KubeObject[];
}

/** The Argo CD path: the chart, the cluster Secrets, then the root app. */
export interface ArgoCdPlan {
  readonly engine: 'argocd';
  readonly chart: typeof argoCdChart;
  readonly values: Record<string, unknown>;
  readonly registrations: readonly ArgoCdRegistration[];
  /** `bootstrap/root.yaml`: the bootstrap AppProject, then the root Application. */
  readonly bootstrap: readonly KubeObject[];
}

/** The labels one Fleet cluster must carry for the ClusterGroups and bundles to select it. */
export interface FleetClusterLabelling {
  readonly cluster: string;
  /** The `clusters.fleet.cattle.io` object's name in Rancher. */
  readonly fleetCluster: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** The Fleet path: labels on the Fleet clusters, then the ClusterGroups and the GitRepo (`fleet/`). */
export interface FleetPlan {
  readonly engine: 'fleet';
  readonly clusterLabels: readonly FleetClusterLabelling[];
  /** `fleet/`: the ClusterGroups, then the GitRepo. */
  readonly imports: readonly KubeObject[];
}

/** Everything `pulumi up` declares, as plain data: the Pulumi program only turns it into resources. */
export interface Day0Plan {
  readonly platform: string;
  readonly kubeconfig?: string;
  readonly managementContext: string;
  readonly clusters: readonly ClusterPlan[];
  readonly shared: readonly SharedValuePlan[];
  readonly delivery: ArgoCdPlan | FleetPlan;
}

/** The objects of one rendered file; throws naming the file when the tree has none. */
function renderedObjects(tree: RenderedTree, path: string): KubeObject[] {
  const file = tree.files.find((f) => f.path === path);
  if (!file) throw new Error(`the rendered tree has no ${path}: render it with the platform's own renderer (renderTree)`);
  const { documents, problems } = parseYamlFile(file);
  if (problems.length > 0) throw new Error(`${path}: ${problems.map((p) => p.message).join('; ')}`);
  return documents as KubeObject[];
}

function argoCdPlan(platform: Platform, tree: RenderedTree, config: Day0Config): ArgoCdPlan {
  const patch = renderedObjects(tree, names.bootstrapArgoCdConfigPatch)[0] as KubeObject & { data?: Record<string, string> };
  const registrations = platform.clusters.filter(needsArgoCdRegistration).map((cluster): ArgoCdRegistration => {
    const access = config.clusters[cluster.name]!;
    const byName = 'name' in cluster.destination;
    const name = byName ? (cluster.destination as { name: string }).name : cluster.name;
    // parseDay0Config has made sure a cluster known by name has a server unless it is the management cluster.
    const server = byName ? (access.server ?? inClusterServer) : (cluster.destination as { server: string }).server;
    const inCluster = server === inClusterServer;
    return { cluster: cluster.name, name, server, inCluster, secret: argoCdClusterSecret(platform.name, name, server), managerObjects: inCluster ? [] : argoCdManagerObjects(platform.name) };
  });
  return {
    engine: 'argocd',
    chart: argoCdChart,
    values: argoCdValues(patch.data ?? {}),
    registrations,
    bootstrap: renderedObjects(tree, names.bootstrapRootApp),
  };
}

function fleetPlan(platform: Platform, tree: RenderedTree, config: Day0Config): FleetPlan {
  const imports = tree.files
    .filter((file) => file.path.startsWith(`${names.fleetRoot}/`))
    .flatMap((file) => renderedObjects(tree, file.path))
    // ClusterGroups first: the GitRepo targets them.
    .sort((a, b) => Number(a.kind === 'GitRepo') - Number(b.kind === 'GitRepo'));
  return {
    engine: 'fleet',
    clusterLabels: platform.clusters.map((cluster) => ({
      cluster: cluster.name,
      fleetCluster: config.clusters[cluster.name]!.fleetCluster ?? cluster.name,
      labels: fleetClusterLabels(cluster),
    })),
    imports,
  };
}

/**
 * Plans Day 0 for a platform and its rendered tree: the namespaces and Secrets of every cluster
 * (from the same definition as `npm run gitops -- secrets`), and the hand-over to the delivery
 * engine, whose objects are read from the rendered `bootstrap/` or `fleet/` files themselves.
 */
export function planDay0(platform: Platform, tree: RenderedTree, config: Day0Config): Day0Plan {
  const values = planSecretValues(requiredSecrets(platform, tree.components), config);
  const namespacesBundle = `${bundleDir('namespaces')}/${names.fleetBundleFile}`;
  const release = config.engine === 'fleet' ? fleetRelease(namespacesBundle, renderedObjects(tree, namespacesBundle)[0] as object) : undefined;
  const clusters = platform.clusters.map((cluster) => ({
    name: cluster.name,
    role: cluster.role,
    context: config.clusters[cluster.name]!.context,
    namespaces: renderedNamespaces(tree.components, cluster.name).map((namespace) => (release ? adoptableByFleet(namespace, release) : namespace)),
    secrets: values.secrets.filter((plan) => plan.secret.cluster === cluster.name),
  }));
  return {
    platform: platform.name,
    ...(config.kubeconfig !== undefined && { kubeconfig: config.kubeconfig }),
    managementContext: config.managementContext,
    clusters,
    shared: values.shared,
    delivery: config.engine === 'argocd' ? argoCdPlan(platform, tree, config) : fleetPlan(platform, tree, config),
  };
}
