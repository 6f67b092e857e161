import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { names, type KubeObject } from '@millwright/platform';
import { argoCdServerService } from './argocd-release.ts';
import { argoCdManager, type ArgoCdClusterConfig } from './argocd-cluster-registration.ts';
import { secretPath } from './day0-config.ts';
import type { ArgoCdPlan, ClusterPlan, Day0Plan, FleetPlan } from './day0-plan.ts';
import { bcryptSaltAlphabet, htpasswdLine } from './htpasswd-line.ts';
import type { SecretPlan } from './secret-values.ts';

/** What was made ready on one workload cluster. */
export interface ClusterOutputs {
  readonly context: string;
  readonly role: string;
  readonly namespaces: readonly string[];
  /** `<namespace>/<name>` of each Secret created. */
  readonly secrets: readonly string[];
  /** `argocd/<secret>`: the cluster Secret that tells Argo CD about this cluster. */
  readonly argoCdClusterSecret?: string;
  /** The cluster's `clusters.fleet.cattle.io` object and the labels it was given. */
  readonly fleetCluster?: { readonly name: string; readonly labels: Readonly<Record<string, string>> };
}

/** The stack outputs (`pulumi stack output`). Only `sharedValues` carries credentials, and it is a secret. */
export interface Day0Outputs {
  readonly engine: 'argocd' | 'fleet';
  /** Where the delivery engine is and what Day 0 handed to it. */
  readonly management: Readonly<Record<string, string | readonly string[]>>;
  readonly clusters: Readonly<Record<string, ClusterOutputs>>;
  /** Every value several Secrets share, by shared name, to keep in a password manager (`pulumi stack output --show-secrets sharedValues`). */
  readonly sharedValues: pulumi.Output<Record<string, string>>;
}

/** The declared program: its outputs and every resource, so a caller can wait until all are registered. */
export interface Day0Deployment {
  readonly outputs: Day0Outputs;
  readonly resources: readonly pulumi.Resource[];
}

/** A random credential: 48 letters and digits (URL-safe: database passwords go into connection URLs). */
const generatedCredential = { length: 48, special: false } as const;

/** `kind/namespace/name`: a resource name unique within one cluster. */
function objectKey(object: KubeObject): string {
  return [object.kind, object.metadata.namespace, object.metadata.name].filter(Boolean).join('/');
}

/** The objects a Pulumi Kubernetes resource takes: the manifest without anything Pulumi fills in. */
function args<T>(object: KubeObject): T {
  return object as unknown as T;
}

class Day0Builder {
  readonly resources: pulumi.Resource[] = [];
  private readonly providers = new Map<string, k8s.Provider>();
  private readonly shared = new Map<string, pulumi.Output<string>>();

  constructor(private readonly plan: Day0Plan) {
    for (const value of plan.shared) this.shared.set(value.name, value.given !== undefined ? pulumi.secret(value.given) : this.generated(`shared/${value.name}`));
  }

  track<T extends pulumi.Resource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  /** One provider per kubeconfig context, so a cluster that is also the management cluster is one cluster to Pulumi. */
  provider(context: string): k8s.Provider {
    const existing = this.providers.get(context);
    if (existing) return existing;
    const provider = this.track(new k8s.Provider(`context/${context}`, { context, ...(this.plan.kubeconfig !== undefined && { kubeconfig: this.plan.kubeconfig }) }));
    this.providers.set(context, provider);
    return provider;
  }

  /** A new random value, kept encrypted in the stack's state; marked secret here too, not only by the provider. */
  generated(name: string): pulumi.Output<string> {
    return pulumi.secret(this.track(new random.RandomPassword(name, generatedCredential)).result);
  }

  sharedValue(name: string): pulumi.Output<string> {
    const value = this.shared.get(name);
    if (!value) throw new Error(`no shared value ${name} was planned; planSecretValues lists every shared value a Secret names`);
    return value;
  }

  sharedValues(): pulumi.Output<Record<string, string>> {
    return pulumi.secret(pulumi.all(Object.fromEntries(this.shared)));
  }

  secretData(plan: SecretPlan): Record<string, pulumi.Output<string>> {
    const path = secretPath(plan.secret);
    return Object.fromEntries(
      plan.keys.map(({ key, source, given }) => {
        if (source.kind === 'shared') return [key, this.sharedValue(source.name)];
        if (source.kind === 'own') return [key, given !== undefined ? pulumi.secret(given) : this.generated(`${path}/${key}`)];
        // The salt is drawn once and kept in state, so the line stays the same from one `pulumi up` to the next.
        const salt = this.track(new random.RandomPassword(`${path}/${key}/salt`, { length: bcryptSaltAlphabet.length, special: true, overrideSpecial: bcryptSaltAlphabet.special }));
        const line = pulumi
          .all([this.sharedValue(source.userShared), this.sharedValue(source.passwordShared), salt.result])
          .apply(([user, password, saltText]) => [htpasswdLine(user, password, saltText), ...(given !== undefined ? [given] : [])].join('\n'));
        return [key, pulumi.secret(line)];
      }),
    );
  }

  /** A workload cluster's namespaces, then its Secrets, each in its namespace. Returns what the hand-over must wait for. */
  prepareCluster(cluster: ClusterPlan): pulumi.Resource[] {
    const provider = this.provider(cluster.context);
    const namespaces = new Map(
      cluster.namespaces.map((namespace) => [
        namespace.metadata.name,
        // Retained on `pulumi destroy`: after the first sync the delivery engine owns the namespace and everything in it.
        this.track(new k8s.core.v1.Namespace(`${cluster.name}/${objectKey(namespace)}`, args(namespace), { provider, retainOnDelete: true })),
      ]),
    );
    const secrets = cluster.secrets.map((plan) => {
      const { namespace, name } = plan.secret;
      const holder = namespaces.get(namespace);
      if (!holder) throw new Error(`Secret ${secretPath(plan.secret)} goes in namespace ${namespace}, which the platform does not render on cluster ${cluster.name}`);
      return this.track(
        new k8s.core.v1.Secret(
          secretPath(plan.secret),
          { metadata: { name, namespace, labels: { [names.labels.partOf]: this.plan.platform } }, type: 'Opaque', stringData: this.secretData(plan) },
          { provider, dependsOn: [holder] },
        ),
      );
    });
    return [...namespaces.values(), ...secrets];
  }
}

/** The typed resource of one argocd-manager object (`argoCdManagerObjects`). */
function managerResource(name: string, object: KubeObject, options: pulumi.CustomResourceOptions): pulumi.CustomResource {
  switch (object.kind) {
    case 'ServiceAccount':
      return new k8s.core.v1.ServiceAccount(name, args(object), options);
    case 'ClusterRole':
      return new k8s.rbac.v1.ClusterRole(name, args(object), options);
    case 'ClusterRoleBinding':
      return new k8s.rbac.v1.ClusterRoleBinding(name, args(object), options);
    case 'Secret':
      return new k8s.core.v1.Secret(name, args(object), options);
    default:
      throw new Error(`${object.kind} ${object.metadata.name}: not an object Argo CD's login on a cluster is made of`);
  }
}

/** The cluster Secret's `config`: the management cluster's own service account, or the argocd-manager token of the workload cluster. */
function argoCdAccess(builder: Day0Builder, cluster: ClusterPlan, objects: readonly KubeObject[]): pulumi.Output<ArgoCdClusterConfig> {
  const provider = builder.provider(cluster.context);
  let previous: pulumi.Resource[] = [];
  let token: k8s.core.v1.Secret | undefined;
  for (const object of objects) {
    const resource = builder.track(managerResource(`${cluster.name}/${objectKey(object)}`, object, { provider, dependsOn: previous }));
    if (resource instanceof k8s.core.v1.Secret) token = resource;
    previous = [resource];
  }
  if (!token) return pulumi.output({ tlsClientConfig: { insecure: false } as const });
  const where = `${argoCdManager.namespace}/${argoCdManager.tokenSecret} on cluster ${cluster.name}`;
  return pulumi.secret(
    token.data.apply((data): ArgoCdClusterConfig => {
      // The cluster's token controller fills the Secret in; Pulumi waits for it (service-account-token awaiter).
      const bearer = data?.['token'];
      const ca = data?.['ca.crt'];
      if (!bearer || !ca) throw new Error(`${where} holds no token and CA yet: the cluster's token controller fills them in; check it runs, then run pulumi up again`);
      return { bearerToken: Buffer.from(bearer, 'base64').toString('utf8'), tlsClientConfig: { insecure: false, caData: ca } };
    }),
  );
}

function handOverToArgoCd(
  builder: Day0Builder,
  plan: Day0Plan,
  delivery: ArgoCdPlan,
  prepared: pulumi.Resource[],
): { management: Day0Outputs['management']; clusterSecrets: Record<string, string> } {
  const provider = builder.provider(plan.managementContext);
  const release = builder.track(
    new k8s.helm.v3.Release(
      'argocd',
      {
        name: delivery.chart.releaseName,
        chart: delivery.chart.chart,
        version: delivery.chart.version,
        repositoryOpts: { repo: delivery.chart.repoURL },
        namespace: names.argoCdNamespace,
        createNamespace: true,
        values: delivery.values,
      },
      { provider },
    ),
  );
  const clusterSecrets: Record<string, string> = {};
  const registered = delivery.registrations.map((registration) => {
    const cluster = plan.clusters.find((c) => c.name === registration.cluster)!;
    // Argo CD reads `config` as JSON.
    const config = pulumi.secret(argoCdAccess(builder, cluster, registration.managerObjects).apply((access) => JSON.stringify(access)));
    clusterSecrets[registration.cluster] = `${names.argoCdNamespace}/${registration.secret.metadata.name}`;
    const secret = registration.secret;
    return builder.track(
      new k8s.core.v1.Secret(`${names.argoCdNamespace}/${objectKey(secret)}`, { ...args<k8s.core.v1.SecretArgs>(secret), stringData: { ...secret.stringData, config } }, { provider, dependsOn: [release] }),
    );
  });
  // The root app last: by the time Argo CD starts syncing, every cluster it deploys to is
  // registered and holds its namespaces and Secrets. Retained on `pulumi destroy`: deleting
  // the root Application would cascade (resources finalizer) and delete the whole platform.
  let previous: pulumi.Resource[] = [release, ...registered, ...prepared];
  for (const object of delivery.bootstrap) {
    previous = [
      builder.track(new k8s.apiextensions.CustomResource(`${names.argoCdNamespace}/${objectKey(object)}`, args(object), { provider, dependsOn: previous, retainOnDelete: true })),
    ];
  }
  const root = delivery.bootstrap.find((object) => object.kind === 'Application');
  const management = {
    context: plan.managementContext,
    argoCd: `https://${argoCdServerService} (namespace ${names.argoCdNamespace}; kubectl -n ${names.argoCdNamespace} port-forward svc/${argoCdServerService.split('.')[0]} 8080:443)`,
    chart: `${delivery.chart.chart} ${delivery.chart.version} (Argo CD ${delivery.chart.appVersion}) from ${delivery.chart.repoURL}`,
    rootApplication: root ? `${root.metadata.namespace}/${root.metadata.name}` : '',
  };
  return { management, clusterSecrets };
}

function handOverToFleet(builder: Day0Builder, plan: Day0Plan, delivery: FleetPlan, prepared: pulumi.Resource[]): Day0Outputs['management'] {
  const provider = builder.provider(plan.managementContext);
  // Server-side apply patches: only these labels are Day 0's; Rancher keeps owning the rest of each Cluster.
  const labelled = delivery.clusterLabels.map((labelling) =>
    builder.track(
      new k8s.apiextensions.CustomResourcePatch(
        `${names.fleetNamespace}/Cluster/${labelling.fleetCluster}/labels`,
        { apiVersion: 'fleet.cattle.io/v1alpha1', kind: 'Cluster', metadata: { name: labelling.fleetCluster, namespace: names.fleetNamespace, labels: { ...labelling.labels } } },
        { provider },
      ),
    ),
  );
  // The GitRepo last, so Fleet's first sync finds every cluster labelled and holding its
  // namespaces and Secrets. Retained on `pulumi destroy`: deleting them would make Fleet
  // remove every bundle it deployed.
  let previous: pulumi.Resource[] = [...labelled, ...prepared];
  for (const object of delivery.imports) {
    previous = [
      ...previous,
      builder.track(new k8s.apiextensions.CustomResource(`${names.fleetNamespace}/${objectKey(object)}`, args(object), { provider, dependsOn: previous, retainOnDelete: true })),
    ];
  }
  const gitRepo = delivery.imports.find((object) => object.kind === 'GitRepo');
  return {
    context: plan.managementContext,
    fleetNamespace: names.fleetNamespace,
    gitRepo: gitRepo ? `${gitRepo.metadata.namespace}/${gitRepo.metadata.name}` : '',
    clusterGroups: delivery.imports.filter((object) => object.kind === 'ClusterGroup').map((object) => object.metadata.name),
  };
}

/**
 * Declares Day 0 as Pulumi resources: on every workload cluster its namespaces and Secrets, then
 * the hand-over to the delivery engine (Argo CD: the chart, the cluster Secrets, the root app;
 * Fleet: the cluster labels, the ClusterGroups and the GitRepo). Every credential is a Pulumi
 * secret from the moment it is read or generated. Pulumi prepares the clusters; what Argo CD or
 * Fleet syncs afterwards is theirs.
 */
export function declareDay0(plan: Day0Plan): Day0Deployment {
  const builder = new Day0Builder(plan);
  const prepared = plan.clusters.flatMap((cluster) => builder.prepareCluster(cluster));
  const delivery = plan.delivery;
  let management: Day0Outputs['management'];
  let perCluster: (cluster: ClusterPlan) => Partial<ClusterOutputs>;
  if (delivery.engine === 'argocd') {
    const handedOver = handOverToArgoCd(builder, plan, delivery, prepared);
    const clusterSecrets = handedOver.clusterSecrets;
    management = handedOver.management;
    perCluster = (cluster) => (clusterSecrets[cluster.name] ? { argoCdClusterSecret: clusterSecrets[cluster.name] } : {});
  } else {
    management = handOverToFleet(builder, plan, delivery, prepared);
    perCluster = (cluster) => {
      const labelling = delivery.clusterLabels.find((l) => l.cluster === cluster.name);
      return labelling ? { fleetCluster: { name: labelling.fleetCluster, labels: labelling.labels } } : {};
    };
  }
  const clusters = Object.fromEntries(
    plan.clusters.map((cluster): [string, ClusterOutputs] => [
      cluster.name,
      {
        context: cluster.context,
        role: cluster.role,
        namespaces: cluster.namespaces.map((namespace) => namespace.metadata.name),
        secrets: cluster.secrets.map((secret) => `${secret.secret.namespace}/${secret.secret.name}`),
        ...perCluster(cluster),
      },
    ]),
  );
  return { outputs: { engine: delivery.engine, management, clusters, sharedValues: builder.sharedValues() }, resources: builder.resources };
}
