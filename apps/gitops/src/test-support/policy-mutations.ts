import { names, type KubeObject } from '@millwright/platform';
import { policyNames } from '@millwright/policy';
import type { IContainer, IPodSpec } from 'kubernetes-models/v1';

/**
 * One hand-made violation: a copy of a rendered object with one rule broken, under a name of its
 * own (so a server-side apply never merges it into the rendered object), and the objects that
 * must exist first (a namespace without its default-deny NetworkPolicy, ...).
 */
export interface PolicyMutation {
  /** What the object does wrong, as a sentence fragment: `runs a container privileged`. */
  readonly rule: string;
  /** The policy that catches it. */
  readonly policy: string;
  readonly object: KubeObject;
  readonly setup: readonly KubeObject[];
  /**
   * The violation is a missing parameter object (a binding's `paramRef` with
   * `parameterNotFoundAction: Deny`). The API server refuses that before any validation, whatever
   * the binding's `validationActions` say: Warn and Audit refuse it too.
   */
  readonly missingParameter?: true;
}

const helmLabelled = (object: KubeObject) =>
  object.metadata.labels?.[names.labels.managedBy] === names.helmManagedBy || object.metadata.labels?.[names.labels.helmHeritage] === names.helmManagedBy;

const podSpecOf = (deployment: KubeObject) => (deployment['spec'] as { template: { spec: IPodSpec } }).template.spec;

/** A deep copy of `object` under `name` (and `namespace`), changed by `change`. */
function copyOf(object: KubeObject, name: string, change: (copy: KubeObject) => void, namespace = object.metadata.namespace): KubeObject {
  const copy = structuredClone(object) as KubeObject;
  copy.metadata = { ...copy.metadata, name, ...(namespace !== undefined && { namespace }) };
  change(copy);
  return copy;
}

/** A copy of a workload whose first container is changed by `change`. */
function withContainer(deployment: KubeObject, name: string, change: (container: IContainer, pod: IPodSpec) => void, namespace?: string): KubeObject {
  return copyOf(deployment, name, (copy) => change(podSpecOf(copy).containers[0]!, podSpecOf(copy)), namespace);
}

/** `registry/repository:tag@digest` without tag and digest. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon < 0 ? withoutDigest : withoutDigest.slice(0, colon);
}

/** A workload every policy passes: probed, sized, read-only, unprivileged, in a plane namespace. */
function compliantDeployment(objects: readonly KubeObject[], planeNamespaces: ReadonlySet<string>): KubeObject {
  const found = objects
    .filter((o) => o.kind === 'Deployment' && planeNamespaces.has(o.metadata.namespace ?? '') && !helmLabelled(o))
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`))
    .find((o) => {
      const container = podSpecOf(o).containers[0]!;
      return container.livenessProbe && container.readinessProbe && container.resources?.limits && container.securityContext?.readOnlyRootFilesystem === true;
    });
  if (!found) throw new Error('the cluster has no Deployment in a plane namespace to make violations from');
  return found;
}

/**
 * A violation of each in-cluster policy, made from what one cluster receives (its built
 * overlays): one rule broken per object, everything else as rendered.
 */
export function policyMutations(clusterObjects: readonly KubeObject[]): PolicyMutation[] {
  const namespaces = clusterObjects.filter((o) => o.kind === 'Namespace' && o.metadata.labels?.[names.labels.millwrightPlane] !== undefined);
  const planeNamespaces = new Set(namespaces.map((n) => n.metadata.name));
  const deployment = compliantDeployment(clusterObjects, planeNamespaces);
  const home = namespaces.find((n) => n.metadata.name === deployment.metadata.namespace)!;
  const otNamespace = namespaces.find((n) => n.metadata.labels?.[names.labels.millwrightPlane] === 'ot');
  if (!otNamespace) throw new Error('the cluster has no namespace of the OT plane');
  const service = clusterObjects.find(
    (o) => o.kind === 'Service' && planeNamespaces.has(o.metadata.namespace ?? '') && ((o['spec'] as { type?: string }).type ?? 'ClusterIP') === 'ClusterIP',
  );
  if (!service) throw new Error('the cluster has no ClusterIP Service in a plane namespace to expose');
  // Namespaces like the deployment's (same labels, so the bindings select them), minus what the rule needs gone.
  const likeHome = (name: string) => copyOf(home, name, () => undefined);

  const withoutDefaultDeny = likeHome('mutation-no-default-deny');
  const withOpenDefaultDeny = likeHome('mutation-open-default-deny');
  const openDefaultDeny: KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: policyNames.defaultDenyNetworkPolicy, namespace: withOpenDefaultDeny.metadata.name },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'], ingress: [{}] },
  };

  return [
    {
      rule: 'runs a container privileged',
      policy: 'millwright-pod-security-restricted',
      // API validation refuses privileged with allowPrivilegeEscalation: false, so the escalation goes too.
      object: withContainer(deployment, 'mutation-privileged', (c) => {
        c.securityContext = { ...c.securityContext, privileged: true };
        delete c.securityContext.allowPrivilegeEscalation;
      }),
      setup: [],
    },
    {
      rule: 'pulls an image by its :latest tag',
      policy: 'millwright-images-pinned',
      object: withContainer(deployment, 'mutation-latest', (c) => void (c.image = `${repositoryOf(c.image!)}:latest`)),
      setup: [],
    },
    {
      rule: 'has a container without probes',
      policy: 'millwright-probes-declared',
      object: withContainer(deployment, 'mutation-no-probes', (c) => {
        delete c.livenessProbe;
        delete c.readinessProbe;
      }),
      setup: [],
    },
    {
      rule: 'has a writable root filesystem',
      policy: 'millwright-read-only-root-filesystem',
      object: withContainer(deployment, 'mutation-writable-root', (c) => void (c.securityContext = { ...c.securityContext, readOnlyRootFilesystem: false })),
      setup: [],
    },
    {
      rule: 'declares no resources',
      policy: 'millwright-resources-declared',
      object: withContainer(deployment, 'mutation-no-resources', (c) => void delete c.resources),
      setup: [],
    },
    {
      rule: 'runs in a namespace without a default-deny NetworkPolicy',
      policy: 'millwright-default-deny-network-policy',
      object: withContainer(deployment, 'mutation-no-network-policy', () => undefined, withoutDefaultDeny.metadata.name),
      setup: [withoutDefaultDeny],
      missingParameter: true,
    },
    {
      rule: 'runs where the default-deny NetworkPolicy allows traffic',
      policy: 'millwright-default-deny-network-policy',
      object: withContainer(deployment, 'mutation-open-network-policy', () => undefined, withOpenDefaultDeny.metadata.name),
      setup: [withOpenDefaultDeny, openDefaultDeny],
    },
    {
      rule: 'lacks the part-of label',
      policy: 'millwright-recommended-labels',
      object: copyOf(deployment, 'mutation-unlabelled', (copy) => void delete copy.metadata.labels?.[names.labels.partOf]),
      setup: [],
    },
    {
      rule: 'runs in the OT plane on any architecture',
      policy: 'millwright-ot-node-selection',
      object: withContainer(
        deployment,
        'mutation-any-arch',
        (_c, pod) => void delete pod.nodeSelector?.[names.labels.arch],
        otNamespace.metadata.name,
      ),
      setup: [],
    },
    {
      rule: 'exposes a Service on a node port nobody declared',
      policy: 'millwright-declared-exposure',
      object: copyOf(service, 'mutation-node-port', (copy) => void ((copy['spec'] as { type?: string }).type = 'NodePort')),
      setup: [],
    },
    {
      rule: 'enforces Pod Security "privileged" without saying why',
      policy: 'millwright-pod-security-explained',
      object: copyOf(home, 'mutation-privileged-namespace', (copy) => {
        copy.metadata.labels = { ...copy.metadata.labels, [names.labels.podSecurityEnforce]: 'privileged' };
        delete copy.metadata.annotations?.[names.annotations.podSecurityExceptionReason];
      }),
      setup: [],
    },
  ];
}

/**
 * A Secret carrying data: the Git tree's gate refuses it (millwright-no-literal-secrets), the
 * cluster must not — there Secrets carry data by design, and the policy is not rendered in.
 */
export function secretWithData(namespace: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'mutation-literal-secret', namespace }, stringData: { password: 'example-only' } };
}
